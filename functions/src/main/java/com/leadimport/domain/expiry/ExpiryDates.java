package com.leadimport.domain.expiry;

import com.leadimport.domain.request.Expiry;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Import expiry: leads live through their expiry date and are removed at the midnight that
 * ends it. "In N days" is the import date plus N.
 */
public final class ExpiryDates {

    private ExpiryDates() {
    }

    public static Optional<LocalDate> expiresOn(Expiry expiry, LocalDate importDate) {
        if (expiry == null || !expiry.enabled()) {
            return Optional.empty();
        }
        return Optional.of(switch (expiry.option()) {
            case ON_DATE -> expiry.onDate();
            case IN_DAYS -> importDate.plusDays(expiry.inDays());
        });
    }

    /** A purge as of {@code purgeDate} removes every import whose expiry date is before it. */
    public static boolean isExpired(LocalDate expiresOn, LocalDate purgeDate) {
        return expiresOn.isBefore(purgeDate);
    }
}
