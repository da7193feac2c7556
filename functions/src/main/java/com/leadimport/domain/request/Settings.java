package com.leadimport.domain.request;

/** Stage 2 of the wizard: how rows are validated, screened, deduplicated and kept. */
public record Settings(String name, boolean myDefault, Format format, String callingCode,
                       DeleteExisting deleteExisting, boolean validateEmails, DncCheck dnc, Dedupe dedupe,
                       String defaultSkillGroup, boolean clearFetchedData, TimeZoneSetting timeZone,
                       Expiry expiry) {

    /** These settings with "my default" set as given. */
    public Settings withMyDefault(boolean value) {
        return new Settings(name, value, format, callingCode, deleteExisting, validateEmails, dnc, dedupe, defaultSkillGroup,
                clearFetchedData, timeZone, expiry);
    }

    /** These settings with the DNC check given. */
    public Settings withDnc(DncCheck check) {
        return new Settings(name, myDefault, format, callingCode, deleteExisting, validateEmails, check, dedupe, defaultSkillGroup,
                clearFetchedData, timeZone, expiry);
    }
}
