package com.leadimport.domain.request;

import java.util.List;

/** The import request breaks a rule of the guide; nothing is imported. Each problem names its field. */
public class RequestRefusedException extends RuntimeException {

    private final List<String> problems;

    public RequestRefusedException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
