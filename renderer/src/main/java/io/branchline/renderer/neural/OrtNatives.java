package io.branchline.renderer.neural;

import io.branchline.renderer.UserCache;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * ONNX Runtime's native libraries, kept in one folder per build of them. Left to itself, ONNX
 * Runtime's Java loader extracts them into a new temporary folder at every start and leaves that
 * folder behind (1.24.1 on Linux: an empty {@code onnxruntime-java*} folder in {@code /tmp} for
 * every process, thousands on a machine that runs the tests often). Given the documented
 * {@code onnxruntime.native.path} property, it loads them from there and makes no temporary
 * folder. So before ONNX Runtime first loads, the libraries of this platform are copied out of
 * its jar once into {@code ~/.cache/branchline/onnxruntime-HASH/} (the hash of the jar's
 * libraries, so another build gets its own folder), each written under a temporary name and
 * moved into place, so a crash or a second process never leaves a part of a library under its
 * real name. Where that cannot be done (no such jar, no writable cache), nothing is set and ONNX
 * Runtime extracts them itself, as before. A property the operator set is left as it is.
 */
final class OrtNatives {

    /** The property ONNX Runtime reads its native libraries' folder from. */
    static final String PROPERTY = "onnxruntime.native.path";

    private static final System.Logger LOG = System.getLogger(OrtNatives.class.getName());

    private OrtNatives() {
    }

    /** Points ONNX Runtime at the cached libraries, copying them there first if need be. Call before ONNX Runtime loads. */
    static void useCache() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Optional<String> platform = platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
            Path jar = Path.of(ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (platform.isEmpty() || !Files.isRegularFile(jar)) {
                return;
            }
            cache(UserCache.root(), jar, platform.get()).ifPresent(dir -> System.setProperty(PROPERTY, dir.toString()));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.log(Level.DEBUG, "ONNX Runtime's libraries are not cached (" + e + "); it extracts them itself");
        }
    }

    /** ONNX Runtime's name for a platform's folder in its jar ({@code linux-x64}, {@code osx-aarch64}, …), if it has one. */
    static Optional<String> platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String name = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "osx"
                : os.startsWith("windows") ? "win" : null;
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        return name == null || arch == null ? Optional.empty() : Optional.of(name + "-" + arch);
    }

    /**
     * Copies the libraries of {@code platform} out of {@code jar} into a folder of {@code root}
     * named after them, unless each is there already at its size; returns the folder, or empty
     * when the jar has no library for the platform.
     */
    static Optional<Path> cache(Path root, Path jar, String platform) throws IOException {
        String prefix = "ai/onnxruntime/native/" + platform + "/";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> libraries = new ArrayList<>();
            zip.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix) && e.getName().indexOf('/', prefix.length()) < 0)
                    .sorted(Comparator.comparing(ZipEntry::getName)).forEach(libraries::add);
            if (libraries.isEmpty()) {
                return Optional.empty();
            }
            CRC32 id = new CRC32();
            for (ZipEntry e : libraries) {
                id.update((e.getName() + ":" + e.getSize() + ":" + e.getCrc() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Path dir = root.resolve(String.format(Locale.ROOT, "onnxruntime-%s-%08x", platform, id.getValue()));
            Files.createDirectories(dir);
            for (ZipEntry e : libraries) {
                UserCache.copyOnce(dir.resolve(e.getName().substring(prefix.length())), e.getSize(), () -> zip.getInputStream(e));
            }
            return Optional.of(dir);
        }
    }
}
