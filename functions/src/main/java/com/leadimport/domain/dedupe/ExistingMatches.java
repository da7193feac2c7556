package com.leadimport.domain.dedupe;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: the stored leads in the import's dedupe scope that share any of these keys. */
@FunctionalInterface
public interface ExistingMatches {

    ExistingMatches NONE = keys -> Map.of();

    /** @return matches by key; keys without matches may be absent */
    Map<String, List<ExistingLead>> find(Collection<String> keys);
}
