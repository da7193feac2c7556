package com.leadimport.bench.engines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * SQLite in WAL mode with synchronous=NORMAL (a committed transaction is in the WAL file; no
 * fsync per commit, so a killed process keeps it): one table (k BLOB PRIMARY KEY, v BLOB)
 * WITHOUT ROWID, BLOBs compare with memcmp. One writer connection; a connection per reading thread.
 */
final class SqliteStore implements OrderedStore {

    private final String url;
    private final Connection writer;
    private final ThreadLocal<Connection> readers;
    private final List<Connection> all = new ArrayList<>();

    SqliteStore(Path dir) {
        url = "jdbc:sqlite:" + dir.resolve("store.db");
        try {
            writer = open();
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID");
            }
            writer.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        readers = ThreadLocal.withInitial(() -> {
            try {
                return open();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private synchronized Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA cache_size=-32768");
            s.execute("PRAGMA busy_timeout=10000");
        }
        all.add(c);
        return c;
    }

    @Override
    public synchronized void write(List<Put> batch) {
        try (PreparedStatement put = writer.prepareStatement("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)");
             PreparedStatement delete = writer.prepareStatement("DELETE FROM kv WHERE k = ?")) {
            for (Put p : batch) {
                if (p.value() == null) {
                    delete.setBytes(1, p.key());
                    delete.executeUpdate();
                } else {
                    put.setBytes(1, p.key());
                    put.setBytes(2, p.value());
                    put.executeUpdate();
                }
            }
            writer.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try (PreparedStatement get = readers.get().prepareStatement("SELECT v FROM kv WHERE k = ?")) {
            get.setBytes(1, key);
            try (ResultSet rs = get.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<byte[]> multiGet(List<byte[]> keys) {
        StringBuilder sql = new StringBuilder("SELECT k, v FROM kv WHERE k IN (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(')');
        Map<String, byte[]> found = new HashMap<>();
        try (PreparedStatement get = readers.get().prepareStatement(sql.toString())) {
            for (int i = 0; i < keys.size(); i++) {
                get.setBytes(i + 1, keys.get(i));
            }
            try (ResultSet rs = get.executeQuery()) {
                while (rs.next()) {
                    found.put(java.util.HexFormat.of().formatHex(rs.getBytes(1)), rs.getBytes(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            values.add(found.get(java.util.HexFormat.of().formatHex(key)));
        }
        return values;
    }

    @Override
    public void range(byte[] from, byte[] to, int limit, BiConsumer<byte[], byte[]> entry) {
        try (PreparedStatement scan = readers.get().prepareStatement("SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k LIMIT ?")) {
            scan.setBytes(1, from);
            scan.setBytes(2, to);
            scan.setInt(3, limit);
            try (ResultSet rs = scan.executeQuery()) {
                while (rs.next()) {
                    entry.accept(rs.getBytes(1), rs.getBytes(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return "SQLite 3.54.1 (xerial JDBC)";
    }

    @Override
    public synchronized void close() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing
            }
        }
    }
}
