package com.leadimport.api;

import com.leadimport.domain.request.Problem;
import java.util.List;

/**
 * A request the API refuses, with its status and the problems placed for a person (see
 * {@link Problem}): the API answers {@code {"errors": [{field, stage, label, message}]}}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<Problem> problems;

    /** Refused as a whole, no one field at fault. */
    public ApiException(int status, String message) {
        this(status, List.of(Problem.general(message)));
    }

    /** Refused for one field: a request path ({@code settings.delimiter}) or a route's subject and field ({@code list.name}). */
    public ApiException(int status, String field, String message) {
        this(status, List.of(Problem.of(field, message)));
    }

    public ApiException(int status, List<Problem> problems) {
        super(String.join("; ", problems.stream().map(Problem::text).toList()));
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<Problem> problems() {
        return problems;
    }
}
