package com.leadimport.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.local.LocalRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One data dir, one process: a second is refused with a sentence saying so, and exits. */
class OneProcessPerDataDirTest {

    @Test
    void aSecondProcessOnTheSameDataDirIsRefusedAndExits(@TempDir Path data) throws Exception {
        try (LocalRuntime first = LocalRuntime.start(LocalRuntime.Settings.defaults(data).withDynamoDb("embedded"))) {
            ChildCli.Result second = ChildCli.run(data, data.resolveSibling("second.out"), 5000, "dnc", "add", "Requested",
                    "07911123456");

            assertThat(second.status()).isEqualTo(1);
            assertThat(second.err()).contains("is in use by another lead-import process").contains(data.toAbsolutePath().toString())
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(first.stores().dnc().listed(java.util.List.of("Requested"), java.util.List.of("+447911123456")))
                    .as("the second changed nothing").isEmpty();
        }
    }
}
