'use strict';
// The Import Leads wizard: five stages, Summary, history and the supplier report, over the
// wizard API (api/openapi.yaml). auth.js sets window.LEAD_IMPORT = {apiUrl, token(), ready}.

const config = window.LEAD_IMPORT || { apiUrl: '', token: () => null };
const $ = (id) => document.getElementById(id);
const STAGES = ['details', 'settings', 'mapping', 'callinfo', 'secondary', 'summary'];
// The stage names and field labels come from the API (GET /api/labels), the one source its messages use too.
const STAGE_IDS = { Details: 'details', Settings: 'settings', 'Lead Mapping': 'mapping', 'Call Info': 'callinfo', 'Secondary Mapping': 'secondary' };
let LEAD_FIELDS = [];
const LEAD_LABELS = {};
// The headers suppliers use for each lead field (compared lower case, letters and digits only).
const SYNONYMS = {
  title: ['title', 'salutation'], firstName: ['first name', 'firstname', 'forename', 'given name'],
  lastName: ['last name', 'lastname', 'surname', 'family name'], company: ['company', 'company name', 'business', 'organisation', 'organization'],
  phone: ['mobile', 'mobile number', 'mobile phone', 'cell', 'phone', 'phone number', 'telephone', 'tel', 'landline', 'home phone',
    'work phone', 'phone 1', 'phone 2', 'phone 3', 'telephone 1', 'telephone 2', 'telephone 3', 'tel 1', 'tel 2', 'tel 3', 'other phone'],
  email: ['email', 'e-mail', 'email address', 'e-mail address'], address1: ['address 1', 'address line 1', 'address', 'street'],
  address2: ['address 2', 'address line 2'], address3: ['address 3', 'address line 3'], town: ['town', 'city', 'town/city'],
  county: ['county', 'region'], postcode: ['postcode', 'post code', 'zip', 'zip code', 'postal code'], country: ['country'],
  reference: ['reference', 'ref', 'account ref', 'account reference', 'customer ref'], dateOfBirth: ['date of birth', 'dob', 'birth date'],
  skillGroup: ['skill group'], notes: ['notes', 'note', 'comments'],
};
const squash = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
// headers are the same header ignoring case, surrounding spaces and repeated inner spaces (CONTRACT.md)
const headerKey = (header) => header.trim().replace(/\s+/g, ' ').toLowerCase();
/** Each lead field whose label or usual header matches one of the file's headers; phones fill Phone 1, 2, 3 in file order. */
function suggestMapping(headers) {
  const byName = {};
  for (const [field, names] of Object.entries(SYNONYMS)) names.forEach((n) => { byName[squash(n)] = field; });
  LEAD_FIELDS.forEach((f) => { byName[squash(fieldLabel(f))] = byName[squash(fieldLabel(f))] || f; });
  const mapping = {};
  for (const header of headers) {
    let field = byName[squash(header)];
    if (field === 'phone' || /^phone\d$/.test(field || '')) field = ['phone1', 'phone2', 'phone3'].find((p) => !mapping[p]);
    if (field && !mapping[field]) mapping[field] = [header];
  }
  return mapping;
}

const state = { importId: null, fileName: null, headers: [], rows: [], reached: 0, mapping: {}, separators: {},
  tables: [], secondary: {}, settingsProfiles: [], mappingProfiles: [], started: new Set() };

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  const token = config.token();
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(config.apiUrl + '/api/' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const errors = json.errors || [{ field: null, stage: null, label: null, message: response.statusText }];
    throw Object.assign(new Error(errors.map(problemText).join('; ')), { errors, status: response.status });
  }
  return json;
}
/** A problem as a person reads it: "Lead Mapping - First name: 'Name' is not a header of the file". */
function problemText(p) {
  return p.stage ? `${p.stage}${p.label ? ' - ' + p.label : ''}: ${p.message}` : p.message;
}
/** The problems of a failed call, or the failure itself as one. */
function problemsOf(e) {
  return e.errors && e.errors.length ? e.errors : [{ field: null, stage: null, label: null, message: e.message }];
}
/** Shows a failed call's problems next to {@code field} (each problem's own label before its words). */
function showFailure(field, e) {
  showError(field, problemsOf(e).map((p) => (p.label ? p.label + ': ' : '') + p.message).join('; '));
}

// ---------- errors shown next to their field ----------
// Each error span is announced when it changes and describes the control of its .field;
// a control with an error is marked aria-invalid, and the first one gets the focus.
function controlOf(span) {
  const field = span.closest('.field, fieldset');
  return field ? field.querySelector('input:not([type=hidden]), select, textarea') : null;
}
function linkErrors() {
  document.querySelectorAll('.error[data-for]').forEach((span) => {
    span.id = 'error-' + span.dataset.for.replace(/[^a-zA-Z0-9]/g, '-');
    span.setAttribute('aria-live', 'polite');
    const control = controlOf(span);
    if (control) control.setAttribute('aria-describedby', ((control.getAttribute('aria-describedby') || '') + ' ' + span.id).trim());
  });
}
function clearErrors() {
  document.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
  document.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
  $('summary-errors').innerHTML = '';
}
function showError(field, message) {
  const spans = [...document.querySelectorAll('.error[data-for]')];
  const target = spans.filter((s) => field.startsWith(s.dataset.for)).sort((a, b) => b.dataset.for.length - a.dataset.for.length)[0];
  if (target) {
    target.textContent = message;
    const control = controlOf(target);
    if (control && message) control.setAttribute('aria-invalid', 'true');
  }
  return target;
}
function focusFirstError() {
  const invalid = [...document.querySelectorAll('[aria-invalid=true]')].find((c) => c.offsetParent !== null);
  if (invalid) invalid.focus();
}
/** Places each problem next to its field (by its field path) and lists them all on the Summary; returns the earliest stage. */
function showErrors(problems) {
  clearErrors();
  let firstStage = null;
  for (const problem of problems) {
    if (problem.field) showError(problem.field, (problem.label ? problem.label + ': ' : '') + problem.message);
    const li = document.createElement('li');
    li.textContent = problemText(problem);
    $('summary-errors').append(li);
    const stage = STAGE_IDS[problem.stage];
    if (stage && (firstStage === null || STAGES.indexOf(stage) < STAGES.indexOf(firstStage))) firstStage = stage;
  }
  return firstStage;
}

// ---------- navigation ----------
function showView(view) {
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== view; });
  document.querySelectorAll('.nav').forEach((b) => b.classList.toggle('current', b.dataset.view === view));
  if (view === 'history') loadHistory();
  if (view === 'report') loadReport();
}
function showStage(stage) {
  const index = STAGES.indexOf(stage);
  state.reached = Math.max(state.reached, index);
  STAGES.forEach((s) => { $(s).hidden = s !== stage; });
  document.querySelectorAll('[data-stage]').forEach((b) => {
    const i = STAGES.indexOf(b.dataset.stage);
    b.disabled = i > state.reached;
    b.classList.toggle('current', i === index);
    if (i === index) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
  });
  if (stage === 'mapping') renderMapping();
  if (stage === 'callinfo') renderCallInfo();
  if (stage === 'secondary') renderSecondary();
  if (stage === 'summary') renderSummary();
}

// ---------- Stage 1: Details ----------
async function loadLists(selected) {
  const lists = await api('GET', 'lists');
  for (const select of [$('list'), $('dedupe-additional')]) {
    const keep = selected !== undefined && select === $('list') ? selected : [...select.selectedOptions].map((o) => o.value);
    select.innerHTML = (select === $('list') ? '<option value="">— choose a list —</option>' : '') +
      lists.map((l) => `<option>${escapeHtml(l)}</option>`).join('');
    [...select.options].forEach((o) => { o.selected = Array.isArray(keep) ? keep.includes(o.value) : o.value === keep; });
  }
}
async function loadSuppliers() {
  $('suppliers').innerHTML = (await api('GET', 'suppliers')).map((s) => `<option value="${escapeHtml(s)}">`).join('');
}
function upload(url, file, contentType) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) $('file-progress').textContent = Math.round(100 * e.loaded / e.total) + '%'; };
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error('upload failed (' + xhr.status + ')')));
    xhr.onerror = () => reject(new Error('upload failed'));
    xhr.send(file);
  });
}
/** The uploaded file's headers and first rows, split as the Delimiter choice says (detected when empty). */
async function loadPreview() {
  const chosen = $('delimiter').value;
  const preview = await api('GET', 'imports/' + state.importId + '/preview' + (chosen ? '?delimiter=' + chosen.toLowerCase() : ''));
  state.headers = preview.headers;
  state.rows = preview.rows;
  state.mapping = suggestMapping(state.headers);
  state.suggested = new Set(Object.keys(state.mapping));
  if (!chosen) $('delimiter-detected').textContent = 'As detected (' + preview.delimiter + ')';
  $('delimiter-field').hidden = false;
  $('file-progress').textContent = `100% ${state.fileName} (${(state.fileSize / 1024).toFixed(1)} KB), ${preview.headers.length} columns separated by ${preview.delimiter}`;
}
async function chooseDelimiter() {
  clearErrors();
  if (!state.importId) return;
  try {
    await loadPreview();
  } catch (e) {
    showFailure('settings.delimiter', e);
  }
}
async function chooseFile() {
  clearErrors();
  const file = $('file').files[0];
  if (!file) return;
  const contentType = ['text/csv', 'application/vnd.ms-excel'].includes(file.type) ? file.type : 'text/csv';
  try {
    const created = await api('POST', 'imports', { fileName: file.name, size: file.size, contentType });
    await upload(created.upload.url, file, contentType);
    state.importId = created.importId;
    state.fileName = file.name;
    state.fileSize = file.size;
    await loadPreview();
  } catch (e) {
    $('file-progress').textContent = '';
    showFailure('file', e);
  }
}
function details() {
  return { notes: $('notes').value || null, list: $('list').value, supplier: $('supplier').value.trim(),
    costPerLead: $('cost').value === '' ? null : Number($('cost').value), adHoc: $('adhoc').checked };
}
function applyAdHoc() { document.querySelectorAll('.saved-only').forEach((e) => { e.hidden = $('adhoc').checked; }); }

// ---------- Stage 2: Settings ----------
function applySettingsVisibility() {
  $('advanced').hidden = $('format').value !== 'ADVANCED';
  $('keep-callbacks-row').hidden = !$('delete-existing').checked;
  $('dnc-categories').hidden = !$('dnc').checked;
  $('dedupe-options').hidden = !$('dedupe').checked;
  const scope = document.querySelector('input[name=scope]:checked').value;
  const lists = scope === 'LISTS';
  $('list-scope').hidden = !lists;
  $('dedupe-destination').disabled = !lists;
  $('dedupe-additional').disabled = !lists;
  $('zone-row').hidden = !$('static-zone').checked;
  $('expiry-options').hidden = !$('expiry').checked;
  $('expiry-date-row').hidden = $('expiry-option').value !== 'ON_DATE';
  $('expiry-days-row').hidden = $('expiry-option').value !== 'IN_DAYS';
}
/** Default Skill Group: None, or one of the system's skill groups. */
async function loadSkillGroups() {
  const groups = await api('GET', 'skill-groups');
  $('skill-group').innerHTML = '<option value="">None</option>' + groups.map((g) => `<option>${escapeHtml(g)}</option>`).join('');
}
async function loadCategories() {
  const categories = await api('GET', 'dnc/categories');
  const error = $('dnc-categories').querySelector('.error');
  $('dnc-categories').innerHTML = '<legend>DNC categories</legend>' + categories.map((c, i) =>
    `<span class="check"><input type="checkbox" id="dnc-${i}" value="${escapeHtml(c)}" checked><label for="dnc-${i}">${escapeHtml(c)}</label></span>`).join('');
  $('dnc-categories').append(error);
}
function number(id) { return $(id).value === '' ? null : Number($(id).value); }
function settings() {
  const scope = document.querySelector('input[name=scope]:checked').value;
  const advanced = $('format').value === 'ADVANCED';
  return {
    name: $('adhoc').checked ? null : $('settings-name').value.trim() || null,
    myDefault: !$('adhoc').checked && $('my-default').checked,
    format: advanced ? { preset: 'ADVANCED', leadingZero: $('leading-zero').value, removeNonDigits: $('remove-non-digits').checked,
      minLength: number('min-length'), maxLength: number('max-length'), truncateTo: number('truncate') } : { preset: $('format').value },
    callingCode: $('calling-code').value.trim(),
    deleteExisting: { enabled: $('delete-existing').checked, keepLeadsWithCallbacks: $('keep-callbacks').checked },
    validateEmails: $('validate-emails').checked,
    dnc: { enabled: $('dnc').checked, categories: [...$('dnc-categories').querySelectorAll('input:checked')].map((c) => c.value) },
    dedupe: { enabled: $('dedupe').checked, on: $('dedupe-on').value, scope,
      destinationList: scope === 'LISTS' && $('dedupe-destination').checked,
      additionalLists: scope === 'LISTS' ? [...$('dedupe-additional').selectedOptions].map((o) => o.value) : [],
      action: $('dedupe-action').value },
    defaultSkillGroup: state.skillBasedRouting ? $('skill-group').value || null : null,
    clearFetchedData: $('clear-fetched').checked,
    timeZone: { static: $('static-zone').checked, zone: $('static-zone').checked ? $('zone').value : null },
    expiry: { enabled: $('expiry').checked, option: $('expiry-option').value,
      onDate: $('expiry-option').value === 'ON_DATE' ? ($('expiry-date').value || null) : null,
      inDays: $('expiry-option').value === 'IN_DAYS' ? number('expiry-days') : null },
    delimiter: $('delimiter').value || null,
  };
}
function loadSettings(s) {
  if (($('delimiter').value || null) !== (s.delimiter || null)) {
    $('delimiter').value = s.delimiter || '';
    chooseDelimiter();
  }
  $('settings-name').value = s.name || '';
  $('my-default').checked = !!s.myDefault;
  $('format').value = s.format.preset;
  if (s.format.preset === 'ADVANCED') {
    $('leading-zero').value = s.format.leadingZero || 'KEEP';
    $('remove-non-digits').checked = !!s.format.removeNonDigits;
    $('min-length').value = s.format.minLength ?? ''; $('max-length').value = s.format.maxLength ?? ''; $('truncate').value = s.format.truncateTo ?? '';
  }
  $('calling-code').value = s.callingCode || '';
  $('delete-existing').checked = !!(s.deleteExisting && s.deleteExisting.enabled);
  $('keep-callbacks').checked = !s.deleteExisting || s.deleteExisting.keepLeadsWithCallbacks;
  $('validate-emails').checked = !!s.validateEmails;
  $('dnc').checked = !!(s.dnc && s.dnc.enabled);
  $('dnc-categories').querySelectorAll('input').forEach((c) => { c.checked = !s.dnc || (s.dnc.categories || []).includes(c.value); });
  const d = s.dedupe || {};
  $('dedupe').checked = !!d.enabled;
  $('dedupe-on').value = d.on || 'PHONE';
  $('scope-' + (d.scope || 'FILE').toLowerCase()).checked = true;
  $('dedupe-destination').checked = !!d.destinationList;
  [...$('dedupe-additional').options].forEach((o) => { o.selected = (d.additionalLists || []).includes(o.value); });
  $('dedupe-action').value = d.action || 'KEEP_EXISTING';
  $('skill-group').value = s.defaultSkillGroup || '';
  $('clear-fetched').checked = !!s.clearFetchedData;
  $('static-zone').checked = !!(s.timeZone && s.timeZone.static);
  if (s.timeZone && s.timeZone.zone) $('zone').value = s.timeZone.zone;
  const e = s.expiry || {};
  $('expiry').checked = !!e.enabled;
  $('expiry-option').value = e.option || 'IN_DAYS';
  $('expiry-date').value = e.onDate || ''; $('expiry-days').value = e.inDays || 30;
  applySettingsVisibility();
}
async function loadProfiles() {
  state.settingsProfiles = await api('GET', 'settings-profiles');
  state.mappingProfiles = await api('GET', 'mapping-profiles');
  state.secondaryMappings = await api('GET', 'secondary-mappings');
  $('previous-secondary').innerHTML = '<option value="">—</option>' + state.secondaryMappings.map((p, i) =>
    `<option value="${i}">${escapeHtml(p.name || '')} (${escapeHtml(p.secondary.table)})</option>`).join('');
  $('previous-settings').innerHTML = '<option value="">—</option>' + state.settingsProfiles.map((p, i) =>
    `<option value="${i}">${escapeHtml(p.name)}${p.myDefault ? ' (my default)' : ''}</option>`).join('');
  $('previous-mappings').innerHTML = '<option value="">—</option>' + state.mappingProfiles.map((p, i) =>
    `<option value="${i}">${escapeHtml(p.name)}</option>`).join('');
  const myDefault = state.settingsProfiles.findIndex((p) => p.myDefault);
  if (myDefault >= 0 && !$('adhoc').checked) { $('previous-settings').value = String(myDefault); loadSettings(state.settingsProfiles[myDefault]); }
}

// ---------- Stage 3: Lead Mapping ----------
function chip(header, list) {
  const li = document.createElement('li');
  li.textContent = header;
  li.draggable = true; // with a mouse; from the keyboard, each field's "add header" select does the same
  li.addEventListener('dragstart', (e) => e.dataTransfer.setData('text/plain', header));
  list.append(li);
}
function renderMapping() {
  $('headers').innerHTML = '';
  state.headers.forEach((h) => chip(h, $('headers')));
  const body = $('fields').querySelector('tbody');
  body.innerHTML = '';
  for (const field of LEAD_FIELDS) {
    const row = document.createElement('tr');
    const mapped = state.mapping[field] || [];
    row.innerHTML = `<th scope="row"><label for="add-${field}">${fieldLabel(field)}</label></th><td class="drop" data-field="${field}"></td>
      <td><select id="add-${field}"><option value="">add header…</option>${state.headers.map((h) => `<option>${escapeHtml(h)}</option>`).join('')}</select></td>
      <td>${mapped.length > 1 ? `<label>separator <input size="3" data-separator="${field}" value="${escapeHtml(state.separators[field] ?? ', ')}"></label>` : ''}</td>`;
    const drop = row.querySelector('.drop');
    mapped.forEach((h, i) => {
      const tag = document.createElement('span');
      const suggested = state.suggested && state.suggested.has(field);
      tag.className = suggested ? 'mapped suggested' : 'mapped';
      tag.textContent = h;
      if (suggested) tag.title = 'suggested from the header: check it, then Next confirms it';
      const remove = document.createElement('button');
      remove.type = 'button'; remove.textContent = '×'; remove.setAttribute('aria-label', `remove ${h} from ${field}`);
      remove.onclick = () => { mapped.splice(i, 1); if (state.suggested) state.suggested.delete(field); renderMapping(); };
      tag.append(remove);
      drop.append(tag);
    });
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => { e.preventDefault(); addMapping(field, e.dataTransfer.getData('text/plain')); });
    row.querySelector('select').onchange = (e) => addMapping(field, e.target.value);
    body.append(row);
  }
  body.querySelectorAll('[data-separator]').forEach((i) => { i.oninput = () => { state.separators[i.dataset.separator] = i.value; }; });
}
function addMapping(field, header) {
  if (!header || !state.headers.includes(header)) return;
  const mapped = state.mapping[field] = state.mapping[field] || [];
  if (!mapped.includes(header)) mapped.push(header);
  if (state.suggested) {
    state.suggested.delete(field);
    // a header the supervisor places is no longer only suggested for another field
    for (const other of [...state.suggested]) {
      if ((state.mapping[other] || []).includes(header)) {
        state.mapping[other] = state.mapping[other].filter((h) => h !== header);
        if (!state.mapping[other].length) { delete state.mapping[other]; state.suggested.delete(other); }
      }
    }
  }
  renderMapping();
}
function mapping() {
  const fields = {};
  for (const [field, headers] of Object.entries(state.mapping)) {
    if (headers.length) fields[field] = headers.length > 1 ? { headers, separator: state.separators[field] ?? ', ' } : { headers };
  }
  return { name: $('adhoc').checked ? null : $('mapping-name').value.trim() || null, fields };
}

// ---------- Stage 4: Call Info ----------
let previewTimer = null;
let previewAsked = 0; // previews asked for so far: only the last one's answer is shown
function renderCallInfo() {
  $('callinfo-headers').innerHTML = '';
  state.headers.forEach((h) => {
    chip(h, $('callinfo-headers'));
    $('callinfo-headers').lastChild.addEventListener('keydown', (e) => { if (e.key === 'Enter') insertPlaceholder(h); });
    $('callinfo-headers').lastChild.addEventListener('dblclick', () => insertPlaceholder(h));
  });
  refreshCallInfo();
}
function insertPlaceholder(header) {
  const t = $('template');
  const at = t.selectionStart ?? t.value.length;
  t.value = t.value.slice(0, at) + '{' + header + '}' + t.value.slice(t.selectionEnd ?? at);
  refreshCallInfo();
}
function refreshCallInfo() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(async () => {
    const asked = ++previewAsked;
    $('callinfo-preview').innerHTML = '';
    if (!state.importId) return;
    try {
      const result = await api('POST', 'imports/' + state.importId + '/call-info-preview', { template: $('template').value });
      if (asked !== previewAsked) return;
      showError('callInfo.template', '');
      $('callinfo-preview').innerHTML = result.previews.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
    } catch (e) { if (asked === previewAsked) showFailure('callInfo.template', e); }
  }, 250);
}

// ---------- Stage 5: Secondary ----------
async function loadTables(selected) {
  state.tables = await api('GET', 'contact-tables');
  $('table').innerHTML = '<option value="">— none —</option>' + state.tables.map((t) => `<option>${escapeHtml(t.name)}</option>`).join('');
  $('table').value = selected || '';
  renderSecondary();
}
function renderSecondary() {
  const table = state.tables.find((t) => t.name === $('table').value);
  $('create-field').hidden = !table;
  const body = $('secondary-fields').querySelector('tbody');
  body.innerHTML = '';
  if (!table) return;
  table.fields.forEach((f, i) => {
    const row = document.createElement('tr');
    row.innerHTML = `<th scope="row"><label for="sec-${i}">${escapeHtml(f.name)}</label></th><td>${f.type}${f.defaultValue ? ' (default ' + escapeHtml(f.defaultValue) + ')' : ''}</td>
      <td><select id="sec-${i}"><option value="">— not mapped —</option>${state.headers.map((h) => `<option>${escapeHtml(h)}</option>`).join('')}</select></td>`;
    const select = row.querySelector('select');
    select.value = state.secondary[f.name] || '';
    select.onchange = () => { state.secondary[f.name] = select.value; };
    body.append(row);
  });
}
function secondary() {
  const table = $('table').value;
  if (!table) return null;
  const fields = {};
  for (const [name, header] of Object.entries(state.secondary)) if (header) fields[name] = { headers: [header] };
  return Object.keys(fields).length ? { table, fields } : null;
}

// ---------- Summary and start ----------
function request() {
  const template = $('template').value.trim();
  return { details: details(), settings: settings(), mapping: mapping(), callInfo: template ? { template } : null, secondary: secondary() };
}
/** The text the form shows for a value: a select's option, or a radio's label. */
function shown(id, value) {
  const control = $(id);
  const option = control && [...control.options].find((o) => o.value === value);
  return option ? option.textContent : value;
}
function fieldLabel(field) {
  return LEAD_LABELS[field] || field;
}
function formatText(f) {
  if (f.preset !== 'ADVANCED') return shown('format', f.preset);
  return [shown('format', f.preset), 'leading zero ' + shown('leading-zero', f.leadingZero).toLowerCase(),
    f.removeNonDigits ? 'non-digits removed' : 'non-digits kept',
    f.minLength ? 'min ' + f.minLength : null, f.maxLength ? 'max ' + f.maxLength : null,
    f.truncateTo ? 'truncated to ' + f.truncateTo : null].filter(Boolean).join(', ');
}
function dedupeText(d) {
  const scope = $('scope-' + d.scope.toLowerCase()).labels[0].textContent;
  const against = d.scope === 'LISTS' ? [d.destinationList ? 'the destination list' : null, ...d.additionalLists].filter(Boolean) : [];
  return `${shown('dedupe-on', d.on)}, ${scope}${against.length ? ' (' + against.join(', ') + ')' : ''}: ${shown('dedupe-action', d.action)}`;
}
function renderSummary() {
  const r = request();
  const s = r.settings;
  const rows = [
    ['File', state.fileName], ['Notes', r.details.notes], ['List', r.details.list], ['Supplier', r.details.supplier],
    ['Cost per lead', r.details.costPerLead], ['Ad-hoc', r.details.adHoc ? 'Yes' : 'No'],
    ['Settings name', s.name], ['My default', s.myDefault ? 'Yes' : 'No'], ['Format', formatText(s.format)],
    ['Calling code', s.callingCode], ['Delete existing records', s.deleteExisting.enabled ? (s.deleteExisting.keepLeadsWithCallbacks ? 'Yes, keep leads with callbacks' : 'Yes, including leads with callbacks') : 'No'],
    ['Validate emails', s.validateEmails ? 'Yes' : 'No'], ['Check DNC', s.dnc.enabled ? s.dnc.categories.join(', ') : 'No'],
    ['Deduplication', s.dedupe.enabled ? dedupeText(s.dedupe) : 'No'],
    ['Default Skill Group', s.defaultSkillGroup || 'None'], ['Clear fetched data', s.clearFetchedData ? 'Yes' : 'No'],
    ['Time zone', s.timeZone.static ? s.timeZone.zone : 'No restriction (not static)'],
    ['Expiry', s.expiry.enabled ? (s.expiry.option === 'ON_DATE' ? 'On ' + s.expiry.onDate : 'In ' + s.expiry.inDays + ' days') : 'No'],
    ['Mapping', (r.mapping.name ? r.mapping.name + ': ' : '') + Object.entries(r.mapping.fields).map(([f, m]) => `${fieldLabel(f)} ← ${m.headers.join(' + ')}`).join('; ')],
    ['Call info', r.callInfo ? r.callInfo.template : '—'],
    ['Secondary mapping', r.secondary ? r.secondary.table + ': ' + Object.entries(r.secondary.fields).map(([f, m]) => `${f} ← ${m.headers[0]}`).join('; ') : '—'],
  ];
  $('summary-list').innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v === null || v === undefined || v === '' ? '—' : String(v))}</dd>`).join('');
}
async function start() {
  clearErrors();
  if (!state.importId) { showStage('details'); showError('file', 'File: select a .csv file (required)'); return; }
  $('start').disabled = true;
  try {
    await api('PUT', 'imports/' + state.importId + '/request', request());
    await api('POST', 'imports/' + state.importId + '/start');
    state.started.add(state.importId);
    $('start').hidden = true;
    $('started').hidden = false;
    follow(state.importId);
  } catch (e) {
    $('start').disabled = false;
    const stage = showErrors(problemsOf(e));
    if (stage && stage !== 'summary') { showStage(stage); showErrors(problemsOf(e)); focusFirstError(); }
  }
}

// ---------- Following a started import ----------
const figure = (n) => Number(n || 0).toLocaleString('en-GB');
function duration(seconds) {
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}
const firstSeen = {};
/**
 * An import's live figures, the same on the Summary page and in history: the share done, and while
 * it runs the rows read, screened and written, with a rate and the time left once it has moved.
 */
function liveFigures(i) {
  const p = i.progress;
  const total = i.totalRows || 0;
  const screened = p.chunksTotal ? Math.floor(total * p.chunksScreened / p.chunksTotal) : 0;
  const written = p.chunksTotal ? Math.floor(total * p.chunksWritten / p.chunksTotal) : 0;
  const done = i.status === 'COMPLETED' ? 1 : (total ? (screened + written) / (2 * total) : 0);
  if (i.status !== 'RUNNING' || !p.chunksTotal) return { done, text: '' };
  const now = Date.now();
  const progressRows = (screened + written) / 2;
  const first = firstSeen[i.importId] || (firstSeen[i.importId] = { at: now, rows: progressRows });
  const seconds = (now - first.at) / 1000;
  const rate = seconds > 0 ? (progressRows - first.rows) / seconds : 0;
  const left = rate > 0 ? (total - progressRows) / rate : null;
  return { done, text: `${figure(total)} rows read, ${figure(screened)} screened, ${figure(written)} written`
    + (rate > 0 ? ` · ${figure(Math.round(rate))} rows/s` : '') + (left !== null ? ` · about ${duration(left)} left` : '') };
}
let liveTimer = null;
/** Shows the import's progress on the Summary page until it ends: rows, rate, time left, then the outcome. */
async function follow(importId) {
  clearTimeout(liveTimer);
  $('live').hidden = false;
  $('live').scrollIntoView({ block: 'center' });
  const poll = async () => {
    let i;
    try { i = await api('GET', 'imports/' + importId); } catch (e) { liveTimer = setTimeout(poll, 2000); return; }
    if (importId !== state.importId && state.importId) return;
    const live = liveFigures(i);
    $('live-bar').value = live.done;
    const finished = ['COMPLETED', 'FAILED', 'REFUSED'].includes(i.status);
    const words = { AWAITING_FILE: 'Starting…', RUNNING: i.progress.chunksTotal ? 'Importing…' : 'Reading the file…',
      COMPLETED: 'Import completed', FAILED: 'Import failed', REFUSED: 'Import refused' };
    $('live-status').textContent = (words[i.status] || i.status) + (i.error ? ': ' + i.error : '');
    if (i.status === 'COMPLETED') {
      $('live-rows').textContent = `${figure(i.totalRows)} rows: ${figure(i.imported)} imported, ${figure(i.rejected)} rejected`
        + (i.blankRows ? ` (${figure(i.blankRows)} blank rows skipped)` : '') + (i.replacedExisting ? `, ${figure(i.replacedExisting)} existing leads replaced` : '');
    } else {
      $('live-rows').textContent = live.text;
    }
    $('live-reasons').innerHTML = (i.rejectedReasons || []).map((r) =>
      `<li>${figure(r.rows)} ${r.rows === 1 ? 'row' : 'rows'} rejected: ${escapeHtml(r.words)}</li>`).join('');
    $('live-rejected').hidden = !i.hasRejectedRows;
    $('live-rejected').onclick = async () => { window.location.href = (await api('GET', 'imports/' + importId + '/rejected')).url; };
    if (!finished) liveTimer = setTimeout(poll, 1000);
    else $('live').scrollIntoView({ block: 'nearest' }); // the outcome, reasons and download in view
  };
  poll();
}

// ---------- History and report ----------
let historyTimer = null;
async function loadHistory() {
  clearTimeout(historyTimer);
  const imports = await api('GET', 'imports');
  $('history-rows').innerHTML = imports.map((i) => {
    const figures = liveFigures(i);
    return `<tr data-import="${i.importId}"><td>${new Date(i.createdAt).toLocaleString('en-GB')}</td><td>${escapeHtml(i.fileName || '')}</td>
      <td>${escapeHtml(i.list || '')}</td><td>${escapeHtml(i.supplier || '')}</td><td class="status">${i.status}${i.error ? ': ' + escapeHtml(i.error) : ''}</td>
      <td><progress max="1" value="${figures.done}" aria-label="progress">${Math.round(figures.done * 100)}%</progress>${figures.text ? `<div class="hint">${figures.text}</div>` : ''}</td>
      <td>${i.totalRows == null ? '' : figure(i.totalRows)}</td><td class="imported">${i.imported == null ? '' : figure(i.imported)}</td>
      <td>${i.rejected == null ? '' : figure(i.rejected)}${i.rejectedReasons && i.rejectedReasons.length ? ' (' + i.rejectedReasons.map((r) => escapeHtml(r.words) + ': ' + figure(r.rows)).join('; ') + ')' : ''}</td>
      <td>${i.hasRejectedRows ? `<button type="button" data-rejected="${i.importId}">Download</button>` : ''}</td></tr>`;
  }).join('');
  $('history-rows').querySelectorAll('[data-rejected]').forEach((b) => {
    b.onclick = async () => { window.location.href = (await api('GET', 'imports/' + b.dataset.rejected + '/rejected')).url; };
  });
  // poll while an import runs, or one started from this page is still waiting for its file;
  // a wizard abandoned before Start leaves an AWAITING_FILE row that is not waited for
  const live = (i) => i.status === 'RUNNING' || (i.status === 'AWAITING_FILE' && state.started.has(i.importId));
  if (imports.some(live) && !$('history').hidden) historyTimer = setTimeout(loadHistory, 2000);
}
async function loadReport() {
  const rows = await api('GET', 'reports/suppliers');
  $('report-rows').innerHTML = rows.map((r) => `<tr><td>${escapeHtml(r.supplier)}</td><td>${r.imports}</td><td>${r.rows}</td><td>${r.imported}</td>
    <td>${r.rejectedReasons.map((x) => escapeHtml(x.words) + ': ' + figure(x.rows)).join('; ')}</td><td>${Number(r.cost).toFixed(2)}</td></tr>`).join('');
  const max = Math.max(1, ...rows.map((r) => r.rows));
  const chart = $('report-chart');
  chart.setAttribute('height', String(rows.length * 28 + 34));
  chart.innerHTML = `<rect x="160" y="4" width="12" height="12" fill="#2d6cdf"/><text x="176" y="14" font-size="12">imported</text>
    <rect x="250" y="4" width="12" height="12" fill="#d9822b"/><text x="266" y="14" font-size="12">rejected</text>` + rows.map((r, j) => {
    const i = j + 1;
    const imported = 420 * r.imported / max;
    const rejected = 420 * (r.rows - r.imported) / max;
    return `<text x="0" y="${i * 28 + 20}" font-size="12">${escapeHtml(r.supplier)}</text>
      <rect x="160" y="${i * 28 + 6}" width="${imported}" height="18" fill="#2d6cdf"><title>${r.imported} imported</title></rect>
      <rect x="${160 + imported}" y="${i * 28 + 6}" width="${rejected}" height="18" fill="#d9822b"><title>${r.rows - r.imported} rejected</title></rect>`;
  }).join('');
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// ---------- wiring ----------
function next(stage, check) {
  return (e) => {
    e.preventDefault();
    clearErrors();
    if (!check || check()) showStage(STAGES[STAGES.indexOf(stage) + 1]); else focusFirstError();
  };
}
function checkDetails() {
  const d = details();
  let ok = true;
  // worded as the API words them (FieldLabels and RequestValidator)
  if (!state.importId) { showError('file', 'File: select a .csv file (required)'); ok = false; }
  if (!d.list) { showError('details.list', 'List: choose the destination list (required)'); ok = false; }
  if (!d.supplier) { showError('details.supplier', 'Supplier: record where the data came from, or your own company name (required)'); ok = false; }
  if (d.costPerLead !== null && d.costPerLead < 0) { showError('details.costPerLead', 'Cost per lead: cannot be negative'); ok = false; }
  return ok;
}
function checkSettings() {
  // worded as the API words them: caught here, not at Start
  if (!$('adhoc').checked && !$('settings-name').value.trim()) {
    showError('settings.name', 'Name: name these settings to save them (required unless Ad-hoc is ticked)');
    return false;
  }
  return true;
}
function checkMapping() {
  const fields = mapping().fields;
  if (!['phone1', 'phone2', 'phone3', 'email'].some((f) => fields[f])) {
    showError('mapping.fields', 'Lead fields: map at least one phone number (Phone 1, Phone 2, Phone 3) or Email');
    return false;
  }
  if (state.suggested) state.suggested.clear(); // Next confirms the suggestions left in place
  return true;
}
document.querySelectorAll('.nav').forEach((b) => { b.onclick = () => showView(b.dataset.view); });
document.querySelectorAll('[data-stage]').forEach((b) => { b.onclick = () => showStage(b.dataset.stage); });
$('file').onchange = chooseFile;
$('delimiter').onchange = chooseDelimiter;
$('refresh-lists').onclick = () => loadLists($('list').value);
$('new-list').onclick = async () => {
  const name = window.prompt('New list name');
  if (!name) return;
  try { await api('POST', 'lists', { name }); await loadLists(name); } catch (e) { showFailure('details.list', e); }
};
$('clone-list').onclick = async () => {
  if (!$('list').value) { showError('details.list', 'List: choose the list to clone first'); return; }
  const name = window.prompt('Name for the copy of ' + $('list').value);
  if (!name) return;
  try { await api('POST', 'lists/clone', { from: $('list').value, name }); await loadLists(name); } catch (e) { showFailure('details.list', e); }
};
$('adhoc').onchange = applyAdHoc;
['format', 'delete-existing', 'dnc', 'dedupe', 'static-zone', 'expiry', 'expiry-option'].forEach((id) => { $(id).onchange = applySettingsVisibility; });
document.querySelectorAll('input[name=scope]').forEach((r) => { r.onchange = applySettingsVisibility; });
$('previous-settings').onchange = () => { if ($('previous-settings').value !== '') loadSettings(state.settingsProfiles[Number($('previous-settings').value)]); };
$('previous-mappings').onchange = () => {
  const profile = state.mappingProfiles[Number($('previous-mappings').value)];
  if (!profile) return;
  $('mapping-name').value = profile.name || '';
  state.mapping = {};
  state.separators = {};
  for (const [field, m] of Object.entries(profile.fields)) {
    state.mapping[field] = m.headers.filter((h) => state.headers.includes(h));
    if (m.separator !== undefined && m.separator !== null) state.separators[field] = m.separator;
  }
  renderMapping();
};
// Secondary: a saved mapping picks its table and maps each field to its header, where the file has it
$('previous-secondary').onchange = () => {
  const saved = state.secondaryMappings[Number($('previous-secondary').value)];
  if (!saved) return;
  $('table').value = saved.secondary.table;
  state.secondary = {};
  for (const [name, m] of Object.entries(saved.secondary.fields)) {
    const header = state.headers.find((h) => m.headers.some((s) => headerKey(s) === headerKey(h)));
    if (header) state.secondary[name] = header;
  }
  renderSecondary();
};
$('template').addEventListener('input', refreshCallInfo);
$('template').addEventListener('dragover', (e) => e.preventDefault());
$('template').addEventListener('drop', (e) => { e.preventDefault(); insertPlaceholder(e.dataTransfer.getData('text/plain')); });
$('table').onchange = () => { state.secondary = {}; renderSecondary(); };
$('create-table').onclick = async () => {
  const name = window.prompt('Contact data table name');
  if (!name) return;
  try { await api('POST', 'contact-tables', { name, fields: [] }); await loadTables(name); } catch (e) { showFailure('secondary', e); }
};
$('add-field').onclick = async () => {
  try {
    await api('POST', 'contact-tables', { name: $('table').value, fields: [{ name: $('field-name').value, description: $('field-description').value,
      type: $('field-type').value, default: $('field-default').value }] });
    $('field-name').value = ''; $('field-description').value = ''; $('field-default').value = '';
    await loadTables($('table').value);
  } catch (e) { showFailure('fields', e); }
};
$('details').onsubmit = next('details', checkDetails);
$('settings').onsubmit = next('settings', checkSettings);
$('mapping').onsubmit = next('mapping', checkMapping);
$('callinfo').onsubmit = next('callinfo');
$('secondary').onsubmit = next('secondary');
$('start').onclick = start;
$('another').onclick = () => window.location.reload();
$('go-history').onclick = () => showView('history');

(async function init() {
  await config.ready;
  linkErrors();
  showStage('details');
  applyAdHoc();
  applySettingsVisibility();
  const labels = await api('GET', 'labels');
  LEAD_FIELDS = labels.leadFields.map((f) => f.name);
  labels.leadFields.forEach((f) => { LEAD_LABELS[f.name] = f.label; });
  const system = await api('GET', 'system');
  state.skillBasedRouting = system.skillBasedRouting;
  $('skill-group-row').hidden = !system.skillBasedRouting;
  await Promise.all([loadLists(), loadSuppliers(), loadCategories(), loadTables(), loadSkillGroups()]);
  await loadProfiles();
  document.body.dataset.ready = 'true';
}());
