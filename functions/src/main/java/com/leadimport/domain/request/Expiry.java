package com.leadimport.domain.request;

import java.time.LocalDate;

/** Import expiry: leads live through the expiry date and are purged at the midnight that ends it. */
public record Expiry(boolean enabled, Option option, LocalDate onDate, Integer inDays) {

    public enum Option { ON_DATE, IN_DAYS }
}
