package com.leadimport.fakes;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Mapping;
import com.leadimport.domain.request.Settings;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.ContactTable;
import com.leadimport.ports.SecondaryMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The catalog in sorted maps, each kind listed in name order as CatalogTable's queries list it. */
public final class InMemoryCatalogStore implements CatalogStore {

    private final Set<String> lists = new TreeSet<>();
    private final Set<String> suppliers = new TreeSet<>();
    private final Set<String> skillGroups = new TreeSet<>();
    private final Map<String, SecondaryMapping> secondaryMappings = new TreeMap<>();
    private final Map<String, ImportRequest> supplierDefaults = new TreeMap<>();
    private final Map<String, Settings> settingsProfiles = new TreeMap<>();
    private final Map<String, String> myDefaultSettings = new TreeMap<>();
    private final Map<String, Mapping> mappingProfiles = new TreeMap<>();
    private final Map<String, ContactTable> contactTables = new TreeMap<>();

    @Override
    public synchronized List<String> lists() {
        return List.copyOf(lists);
    }

    @Override
    public synchronized boolean listExists(String name) {
        return lists.contains(name);
    }

    @Override
    public synchronized boolean createList(String name) {
        return lists.add(name);
    }

    @Override
    public synchronized List<SecondaryMapping> secondaryMappings() {
        return List.copyOf(secondaryMappings.values());
    }

    @Override
    public synchronized void saveSecondaryMapping(SecondaryMapping mapping) {
        secondaryMappings.put(mapping.secondary().table() + "\u001F" + mapping.name(), mapping);
    }

    @Override
    public synchronized List<String> skillGroups() {
        return List.copyOf(skillGroups);
    }

    @Override
    public synchronized boolean createSkillGroup(String name) {
        return skillGroups.add(name);
    }

    @Override
    public synchronized List<String> suppliers() {
        return List.copyOf(suppliers);
    }

    @Override
    public synchronized void saveSupplier(String name) {
        suppliers.add(name);
    }

    @Override
    public synchronized Optional<ImportRequest> supplierDefault(String supplier) {
        return Optional.ofNullable(supplierDefaults.get(supplier));
    }

    @Override
    public synchronized void saveSupplierDefault(String supplier, ImportRequest request) {
        supplierDefaults.put(supplier, request);
    }

    @Override
    public synchronized List<Settings> settingsProfiles() {
        return List.copyOf(settingsProfiles.values());
    }

    @Override
    public synchronized void saveSettingsProfile(Settings settings, String owner) {
        settingsProfiles.put(settings.name(), settings);
        if (owner == null) {
            return;
        }
        if (settings.myDefault()) {
            myDefaultSettings.put(owner, settings.name());
        } else if (settings.name().equals(myDefaultSettings.get(owner))) {
            myDefaultSettings.remove(owner);
        }
    }

    @Override
    public synchronized Optional<String> myDefaultSettingsProfile(String owner) {
        return Optional.ofNullable(myDefaultSettings.get(owner));
    }

    @Override
    public synchronized List<Mapping> mappingProfiles() {
        return List.copyOf(mappingProfiles.values());
    }

    @Override
    public synchronized void saveMappingProfile(Mapping mapping) {
        mappingProfiles.put(mapping.name(), mapping);
    }

    @Override
    public synchronized List<ContactTable> contactTables() {
        return List.copyOf(contactTables.values());
    }

    @Override
    public synchronized Optional<ContactTable> contactTable(String name) {
        return Optional.ofNullable(contactTables.get(name));
    }

    @Override
    public synchronized void saveContactTable(ContactTable table) {
        contactTables.put(table.name(), table);
    }
}
