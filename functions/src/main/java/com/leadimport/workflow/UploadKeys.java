package com.leadimport.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The two ways a file reaches the upload bucket. The wizard uploads to
 * {@code uploads/<importId>/<file name>} for an import it created; a supplier drops into
 * {@code suppliers/<supplier>/<file name>} and the import is made from that supplier's
 * default. Anything else is not an import.
 */
public final class UploadKeys {

    public static final String UPLOADS = "uploads/";
    public static final String SUPPLIERS = "suppliers/";

    private UploadKeys() {
    }

    public static String upload(String importId, String fileName) {
        return UPLOADS + importId + "/" + fileName;
    }

    public static String supplierDrop(String supplier, String fileName) {
        return SUPPLIERS + supplier + "/" + fileName;
    }

    /** The wizard's import id, for a key under {@code uploads/}. */
    public static Optional<String> importIdOfUpload(String key) {
        String[] parts = parts(key, UPLOADS);
        return parts == null ? Optional.empty() : Optional.of(parts[0]);
    }

    /** The supplier, for a key under {@code suppliers/}. */
    public static Optional<String> supplierOf(String key) {
        String[] parts = parts(key, SUPPLIERS);
        return parts == null ? Optional.empty() : Optional.of(parts[0]);
    }

    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** A supplier drop's import id, the same for a re-delivered event of the same object version. */
    public static String dropImportId(String bucket, String key, String sequencer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((bucket + "/" + key + "@" + sequencer).getBytes(StandardCharsets.UTF_8));
            return "drop-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** [first segment, file name] of {@code prefix<segment>/<file name>}, or null for any other shape. */
    private static String[] parts(String key, String prefix) {
        if (!key.startsWith(prefix)) {
            return null;
        }
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        String segment = rest.substring(0, slash);
        if (segment.equals(".") || segment.equals("..")) {
            return null;
        }
        return new String[] {segment, rest.substring(slash + 1)};
    }
}
