package com.leadimport.domain.request;

/**
 * Stage 2 of the wizard: how rows are validated, screened, deduplicated and kept.
 * {@code delimiter}: the file's, when the supervisor chose one over the detected (else null).
 */
public record Settings(String name, boolean myDefault, Format format, String callingCode,
                       DeleteExisting deleteExisting, boolean validateEmails, DncCheck dnc, Dedupe dedupe,
                       String defaultSkillGroup, boolean clearFetchedData, TimeZoneSetting timeZone,
                       Expiry expiry, Delimiter delimiter) {

    /** These settings with "my default" set as given. */
    public Settings withMyDefault(boolean value) {
        return new Settings(name, value, format, callingCode, deleteExisting, validateEmails, dnc, dedupe, defaultSkillGroup,
                clearFetchedData, timeZone, expiry, delimiter);
    }

    /** These settings with the DNC check given. */
    public Settings withDnc(DncCheck check) {
        return new Settings(name, myDefault, format, callingCode, deleteExisting, validateEmails, check, dedupe, defaultSkillGroup,
                clearFetchedData, timeZone, expiry, delimiter);
    }

    /** These settings with the default skill group given. */
    public Settings withDefaultSkillGroup(String group) {
        return new Settings(name, myDefault, format, callingCode, deleteExisting, validateEmails, dnc, dedupe, group,
                clearFetchedData, timeZone, expiry, delimiter);
    }
}
