package com.leadimport.adapters;

/** The names of the DynamoDB tables and S3 buckets, as the template names them in each function's environment. */
public record Tables(String leads, String dedupeKeys, String dnc, String imports, String catalog, String callbacks,
                     String buffer, String secondaryRows, String audit, String leases, String uploadBucket, String workBucket) {

    /**
     * From the function's environment. A function is given only the names it has a policy for; a
     * missing one becomes a name that says so, so a call to it fails naming the variable.
     */
    public static Tables fromEnvironment() {
        return new Tables(env("LEADS_TABLE"), env("DEDUPE_KEYS_TABLE"), env("DNC_TABLE"), env("IMPORTS_TABLE"),
                env("CATALOG_TABLE"), env("CALLBACKS_TABLE"), env("BUFFER_TABLE"), env("SECONDARY_ROWS_TABLE"),
                env("AUDIT_TABLE"), env("LEASES_TABLE"), env("UPLOAD_BUCKET"), env("WORK_BUCKET"));
    }

    /** Local names: {@code prefix-leads}, {@code prefix-upload}... */
    public static Tables withPrefix(String prefix) {
        return new Tables(prefix + "-leads", prefix + "-dedupe-keys", prefix + "-dnc", prefix + "-imports",
                prefix + "-catalog", prefix + "-callbacks", prefix + "-buffer", prefix + "-secondary-rows",
                prefix + "-audit", prefix + "-leases", prefix + "-upload", prefix + "-work");
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? "not-configured-" + name : value;
    }
}
