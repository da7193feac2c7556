package com.leadimport.workflow;

import com.leadimport.domain.request.DncCheck;
import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Problem;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.domain.request.RequestValidator;
import com.leadimport.domain.request.Settings;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.ContactTable;
import com.leadimport.ports.DncStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request checked as a whole, the same way when the wizard saves it and when the workflow
 * starts: secondary fields typed from their contact data table, the guide's rules against the
 * file's headers, and the names it uses (DNC categories, lists, the default skill group) against the catalog.
 */
public final class RequestChecks {

    private final CatalogStore catalog;
    private final DncStore dnc;

    public RequestChecks(CatalogStore catalog, DncStore dnc) {
        this.catalog = catalog;
        this.dnc = dnc;
    }

    /** The request as it will run, and the contact data table to save if fields were created. */
    public record Checked(ImportRequest request, Optional<ContactTable> tableToSave) {
    }

    /** @throws RequestRefusedException naming every problem */
    public Checked check(ImportRequest request, List<String> headers, LocalDate today) {
        SecondaryFields.Resolution resolution = SecondaryFields.resolve(request, catalog);
        RequestValidator.validate(resolution.request(), headers, today);
        List<Problem> problems = new ArrayList<>();
        ImportRequest checked = resolution.request();
        Settings settings = checked.settings();
        if (settings.dnc() != null && settings.dnc().enabled()) {
            // named ignoring case: "requested" is the category Requested; the request keeps its spelling
            List<String> categories = new ArrayList<>();
            for (String name : settings.dnc().categories()) {
                dnc.category(name).ifPresentOrElse(categories::add,
                        () -> problems.add(Problem.of("settings.dnc.categories", dnc.unknownCategory(name))));
            }
            settings = settings.withDnc(new DncCheck(true, List.copyOf(new java.util.LinkedHashSet<>(categories))));
            checked = new ImportRequest(checked.details(), settings, checked.mapping(), checked.callInfo(), checked.secondary());
        }
        Dedupe dedupe = settings.dedupe();
        if (dedupe != null && dedupe.enabled() && dedupe.additionalLists() != null) {
            dedupe.additionalLists().stream().filter(list -> !catalog.listExists(list))
                    .forEach(list -> problems.add(Problem.of("settings.dedupe.additionalLists", "'" + list + "' is not a list")));
        }
        String group = settings.defaultSkillGroup();
        if (group != null && !group.isBlank()) {
            // one of the system's skill groups, named ignoring case; the request takes the system's spelling
            Optional<String> known = catalog.skillGroup(group);
            if (known.isEmpty()) {
                List<String> groups = catalog.skillGroups();
                problems.add(Problem.of("settings.defaultSkillGroup", groups.isEmpty()
                        ? "there are no skill groups yet: add '" + group + "' first, or choose None"
                        : "there is no skill group '" + group + "'; the skill groups are " + String.join(", ", groups)
                                + " (add it first, or choose None)"));
            } else {
                settings = settings.withDefaultSkillGroup(known.get());
                checked = new ImportRequest(checked.details(), settings, checked.mapping(), checked.callInfo(), checked.secondary());
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestRefusedException(problems);
        }
        return new Checked(checked, resolution.tableToSave());
    }
}
