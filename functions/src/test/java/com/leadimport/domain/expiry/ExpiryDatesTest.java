package com.leadimport.domain.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.Expiry;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExpiryDatesTest {

    private static final LocalDate IMPORTED = LocalDate.of(2026, 5, 1);

    @Test
    void inDaysCountsFromTheImportDate() {
        assertThat(ExpiryDates.expiresOn(new Expiry(true, Expiry.Option.IN_DAYS, null, 30), IMPORTED))
                .contains(LocalDate.of(2026, 5, 31));
    }

    @Test
    void onDateIsTheDateGiven() {
        assertThat(ExpiryDates.expiresOn(new Expiry(true, Expiry.Option.ON_DATE, LocalDate.of(2026, 6, 15), null), IMPORTED))
                .contains(LocalDate.of(2026, 6, 15));
    }

    @Test
    void offMeansNoExpiry() {
        assertThat(ExpiryDates.expiresOn(new Expiry(false, Expiry.Option.IN_DAYS, null, 30), IMPORTED)).isEmpty();
        assertThat(ExpiryDates.expiresOn(null, IMPORTED)).isEmpty();
    }

    @Test
    void leadsLiveThroughTheirExpiryDate() {
        LocalDate expiresOn = LocalDate.of(2026, 5, 31);

        assertThat(ExpiryDates.isExpired(expiresOn, LocalDate.of(2026, 5, 31))).isFalse();
        assertThat(ExpiryDates.isExpired(expiresOn, LocalDate.of(2026, 6, 1))).isTrue();
    }
}
