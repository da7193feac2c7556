package com.leadimport.ports;

import java.util.Collection;
import java.util.List;

/** Leads fetched by the dialler and waiting to be called, per list. */
public interface DialerBuffer {

    void add(String list, Collection<String> leadIds);

    List<String> contents(String list);

    /** "Clear fetched data": flushes the list's buffered leads. @return how many were removed */
    int clear(String list);
}
