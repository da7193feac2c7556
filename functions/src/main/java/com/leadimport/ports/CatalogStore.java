package com.leadimport.ports;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Mapping;
import com.leadimport.domain.request.Settings;
import java.util.List;
import java.util.Optional;

/**
 * The small, named things supervisors pick from: lists, suppliers and their default import,
 * saved settings and mapping profiles, contact data tables, the system's skill groups.
 */
public interface CatalogStore {

    List<String> lists();

    boolean listExists(String name);

    /** @return false when the list existed already */
    boolean createList(String name);

    /** The system's outbound skill groups (Default Skill Group offers them, and None). */
    List<String> skillGroups();

    /** @return false when the skill group existed already */
    boolean createSkillGroup(String name);

    /** The skill group of this name, matched ignoring case and surrounding spaces, as the system spells it. */
    default Optional<String> skillGroup(String name) {
        return skillGroups().stream().filter(name.strip()::equalsIgnoreCase).findFirst();
    }

    List<String> suppliers();

    void saveSupplier(String name);

    /** The import a supplier's dropped files get: its last saved (not ad-hoc) import. */
    Optional<ImportRequest> supplierDefault(String supplier);

    void saveSupplierDefault(String supplier, ImportRequest request);

    List<Settings> settingsProfiles();

    /**
     * Saves a settings profile; "my default" is each user's own: ticked, the profile becomes
     * the owner's one default (replacing any other); unticked on the owner's default, the
     * owner has none.
     */
    void saveSettingsProfile(Settings settings, String owner);

    /** The name of the owner's default settings profile, if any. */
    Optional<String> myDefaultSettingsProfile(String owner);

    List<Mapping> mappingProfiles();

    void saveMappingProfile(Mapping mapping);

    /** Saved secondary mappings, for the Secondary stage's "Load previous mappings". */
    List<SecondaryMapping> secondaryMappings();

    /** Saves (or replaces) the secondary mapping of this name and table. */
    void saveSecondaryMapping(SecondaryMapping mapping);

    List<ContactTable> contactTables();

    Optional<ContactTable> contactTable(String name);

    void saveContactTable(ContactTable table);
}
