package io.branchline.engine.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIdTest {

    @TempDir
    Path data;

    @Test
    void theIdIsMadeOnceAndKept() throws IOException {
        int first = ServerId.loadOrCreate(data.resolve("fresh"));
        assertEquals(first, ServerId.loadOrCreate(data.resolve("fresh")));
        assertTrue(Files.readString(data.resolve("fresh").resolve(ServerId.FILE)).matches("[0-9a-f]{8}\n"));
        try (Stream<Path> files = Files.list(data.resolve("fresh"))) {
            assertEquals(List.of(ServerId.FILE), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void aKeptIdIsRead() throws IOException {
        Files.writeString(data.resolve(ServerId.FILE), "5eed1234\n");
        assertEquals(0x5EED_1234, ServerId.loadOrCreate(data));
    }

    @Test
    void aDamagedFileIsNotReplaced() throws IOException {
        Files.writeString(data.resolve(ServerId.FILE), "not an id");
        IOException e = assertThrows(IOException.class, () -> ServerId.loadOrCreate(data));
        assertTrue(e.getMessage().contains("8 hex digits"), e.getMessage());
        assertEquals("not an id", Files.readString(data.resolve(ServerId.FILE)));
    }
}
