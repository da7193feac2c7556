package com.leadimport.ports;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Mapping;
import com.leadimport.domain.request.Settings;
import java.util.List;
import java.util.Optional;

/**
 * The small, named things supervisors pick from: lists, suppliers and their default import,
 * saved settings and mapping profiles, contact data tables.
 */
public interface CatalogStore {

    List<String> lists();

    boolean listExists(String name);

    /** @return false when the list existed already */
    boolean createList(String name);

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

    List<ContactTable> contactTables();

    Optional<ContactTable> contactTable(String name);

    void saveContactTable(ContactTable table);
}
