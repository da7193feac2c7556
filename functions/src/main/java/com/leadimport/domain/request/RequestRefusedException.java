package com.leadimport.domain.request;

import java.util.List;

/**
 * The import request breaks a rule of the guide; nothing is imported. Each problem names its
 * field by path, stage and label; the message is their lines a person reads.
 */
public class RequestRefusedException extends RuntimeException {

    private final List<Problem> problems;

    public RequestRefusedException(List<Problem> problems) {
        super(String.join("; ", problems.stream().map(Problem::text).toList()));
        this.problems = List.copyOf(problems);
    }

    /** Refused for one problem with no one field at fault (the request as a whole). */
    public static RequestRefusedException general(String message) {
        return new RequestRefusedException(List.of(Problem.general(message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
