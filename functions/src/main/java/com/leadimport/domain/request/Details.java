package com.leadimport.domain.request;

import java.math.BigDecimal;

/** Stage 1 of the wizard: where the data goes and where it came from. */
public record Details(String notes, String list, String supplier, BigDecimal costPerLead, boolean adHoc) {
}
