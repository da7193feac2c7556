package com.leadimport.domain.request;

/** The data types of a contact data table field, as the guide lists them. */
public enum FieldType { TEXT, WHOLE_NUMBER, DECIMAL, DATE, TIME, DATE_TIME, BOOLEAN, PHONE }
