package com.leadimport.domain.csv;

/** The file as a whole cannot be imported; the message says why in words a supervisor understands. */
public class FileRefusedException extends RuntimeException {
    public FileRefusedException(String message) {
        super(message);
    }
}
