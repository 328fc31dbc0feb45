package io.branchline.renderer.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's libraries copied out of its jar once into a folder per build, whole or not at all. */
class OrtNativesTest {

    @TempDir
    Path dir;

    @Test
    void theLibrariesOfThePlatformAreCopiedOnceIntoAFolderNamedAfterThem() throws IOException {
        Path jar = jar("a.jar", Map.of("ai/onnxruntime/native/linux-x64/libonnxruntime.so", "runtime",
                "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so", "jni",
                "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so", "arm runtime",
                "ai/onnxruntime/OrtEnvironment.class", "class"));
        Path cache = dir.resolve("cache");
        Path folder = OrtNatives.cache(cache, jar, "linux-x64").orElseThrow();
        assertEquals(cache, folder.getParent());
        assertTrue(folder.getFileName().toString().startsWith("onnxruntime-linux-x64-"), folder.toString());
        try (var files = Files.list(folder)) {
            assertEquals(List.of("libonnxruntime.so", "libonnxruntime4j_jni.so"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "this platform's libraries, nothing else, no part left");
        }
        assertArrayEquals("runtime".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(folder.resolve("libonnxruntime.so")));

        FileTime written = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(folder.resolve("libonnxruntime.so"), written);
        assertEquals(folder, OrtNatives.cache(cache, jar, "linux-x64").orElseThrow(), "the next start finds the same folder");
        assertEquals(written, Files.getLastModifiedTime(folder.resolve("libonnxruntime.so")), "and copies nothing again");
    }

    @Test
    void aLibraryCutShortIsCopiedAgain_andAnotherBuildGetsAFolderOfItsOwn() throws IOException {
        Path jar = jar("a.jar", Map.of("ai/onnxruntime/native/linux-x64/libonnxruntime.so", "runtime"));
        Path cache = dir.resolve("cache");
        Path folder = OrtNatives.cache(cache, jar, "linux-x64").orElseThrow();
        Files.writeString(folder.resolve("libonnxruntime.so"), "run");
        OrtNatives.cache(cache, jar, "linux-x64");
        assertEquals("runtime", Files.readString(folder.resolve("libonnxruntime.so")));

        Path other = jar("b.jar", Map.of("ai/onnxruntime/native/linux-x64/libonnxruntime.so", "runtime 2"));
        assertNotEquals(folder, OrtNatives.cache(cache, other, "linux-x64").orElseThrow());
    }

    @Test
    void aJarWithNothingForThePlatformIsLeftToOnnxRuntime() throws IOException {
        Path jar = jar("a.jar", Map.of("ai/onnxruntime/native/win-x64/onnxruntime.dll", "dll"));
        assertEquals(Optional.empty(), OrtNatives.cache(dir.resolve("cache"), jar, "linux-x64"));
    }

    @Test
    void platformsAreNamedAsInOnnxRuntimesJar() {
        assertEquals(Optional.of("linux-x64"), OrtNatives.platform("Linux", "amd64"));
        assertEquals(Optional.of("linux-aarch64"), OrtNatives.platform("Linux", "aarch64"));
        assertEquals(Optional.of("osx-aarch64"), OrtNatives.platform("Mac OS X", "aarch64"));
        assertEquals(Optional.of("win-x64"), OrtNatives.platform("Windows 11", "amd64"));
        assertEquals(Optional.empty(), OrtNatives.platform("Linux", "riscv64"));
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
