package com.leadimport.local.dynamodb;

/** An error the emulator answers with, named as DynamoDB names it so the AWS SDK maps it to its exception. */
final class DynamoDbException extends RuntimeException {

    private final String type;
    /** Fields the error body carries besides __type and message (Item, CancellationReasons). */
    private final com.fasterxml.jackson.databind.node.ObjectNode detail = Values.JSON.objectNode();

    DynamoDbException(String type, String message) {
        super(message);
        this.type = type;
    }

    static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", message);
    }

    static DynamoDbException notFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", message);
    }

    static DynamoDbException conditionFailed() {
        return new DynamoDbException("ConditionalCheckFailedException", "The conditional request failed");
    }

    com.fasterxml.jackson.databind.node.ObjectNode detail() {
        return detail;
    }

    String type() {
        return type;
    }
}
