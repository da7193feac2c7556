package com.leadimport.ports;

import com.leadimport.domain.request.Secondary;

/**
 * A saved Secondary / Script mapping, offered by "Load previous mappings": the table and its
 * fields' headers, under the name of the lead mapping it was saved with.
 */
public record SecondaryMapping(String name, Secondary secondary) {
}
