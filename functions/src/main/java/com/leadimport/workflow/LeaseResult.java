package com.leadimport.workflow;

import java.util.List;

/** Whether the import holds the leases of its lists now; if not, which lists another import holds (it waits). */
public record LeaseResult(String importId, boolean acquired, List<String> busy) {
}
