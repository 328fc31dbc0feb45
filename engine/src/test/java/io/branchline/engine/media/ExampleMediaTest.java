package io.branchline.engine.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.media.ExampleMedia.Asset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled stories' pictures, clips and sounds are exactly what {@link ExampleMedia} makes:
 * the maker runs once into a temporary folder, every file must equal the committed one byte
 * for byte, and each must be what it claims to be.
 */
class ExampleMediaTest {

    @TempDir
    static Path made;

    static Path stories;
    static List<Path> written;

    @BeforeAll
    static void make() {
        stories = checkoutStories();
        written = ExampleMedia.write(made);
    }

    @Test
    void writesEveryAssetOfTheCatalogue() {
        List<Asset> assets = ExampleMedia.assets();
        assertEquals(assets.size(), written.size());
        for (int i = 0; i < assets.size(); i++) {
            assertEquals(made.resolve(assets.get(i).path()), written.get(i));
        }
    }

    @Test
    void committedAssetsAreByteForByteWhatTheCodeMakes() throws IOException {
        for (Asset asset : ExampleMedia.assets()) {
            Path committed = stories.resolve(asset.path());
            assertTrue(Files.isRegularFile(committed), "missing in the checkout: stories/" + asset.path()
                    + " (run ./branchline example-media and commit what it writes)");
            assertArrayEquals(Files.readAllBytes(committed), Files.readAllBytes(made.resolve(asset.path())),
                    "stories/" + asset.path() + " differs from what ./branchline example-media makes");
        }
    }

    @Test
    void everyMediaFileInTheAssetFoldersIsMadeByTheCode() throws IOException {
        Set<String> made = new TreeSet<>();
        ExampleMedia.assets().forEach(a -> made.add(a.path()));
        // The bundled stories' folders only: a story an author made with `branchline new` brings its own assets.
        Set<String> bundled = new TreeSet<>();
        made.forEach(path -> bundled.add(path.substring(0, path.indexOf('/'))));
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(stories)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> bundled.contains(stories.relativize(f).getName(0).toString()))
                    .filter(f -> f.getParent().getFileName().toString().equals("assets"))
                    .filter(f -> !f.getFileName().toString().equals("README.md"))
                    .forEach(f -> found.add(stories.relativize(f).toString().replace('\\', '/')));
        }
        assertEquals(made, found, "every file in stories/*/assets (but its README) comes from ExampleMedia");
        for (String story : Set.of("night-ferry", "madame-zora", "linie-null")) {
            assertTrue(Files.isRegularFile(stories.resolve(story).resolve("assets/README.md")), story + "/assets has a README");
        }
    }

    @Test
    void imagesArePngsOfTheirSizeWithAPictureInThem() throws IOException {
        for (Asset asset : ofKind(ExampleMedia.Kind.IMAGE)) {
            Path file = made.resolve(asset.path());
            byte[] head = Files.readAllBytes(file);
            assertEquals((byte) 0x89, head[0], asset.name());
            assertEquals("PNG", new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII), asset.name());
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, asset.name() + " decodes");
            assertEquals(asset.width(), image.getWidth(), asset.name());
            assertEquals(asset.height(), image.getHeight(), asset.name());
            assertTrue(distinctColours(image) > 2000, asset.name() + " is a drawing, not a flat fill");
            assertTrue(Files.size(file) < 700_000, asset.name() + " stays small: " + Files.size(file) + " bytes");
        }
    }

    @Test
    void soundsAre48kHz16BitStereoWavsOfTheirLength() throws IOException {
        for (Asset asset : ofKind(ExampleMedia.Kind.SOUND)) {
            byte[] bytes = Files.readAllBytes(made.resolve(asset.path()));
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals("RIFF", ascii(bytes, 0), asset.name());
            assertEquals("WAVE", ascii(bytes, 8), asset.name());
            assertEquals("fmt ", ascii(bytes, 12), asset.name());
            assertEquals(1, b.getShort(20), asset.name() + " is PCM");
            assertEquals(2, b.getShort(22), asset.name() + " is stereo");
            assertEquals(48_000, b.getInt(24), asset.name() + " is 48 kHz");
            assertEquals(16, b.getShort(34), asset.name() + " is 16-bit");
            assertEquals("data", ascii(bytes, 36), asset.name());
            int data = b.getInt(40);
            assertEquals(bytes.length - 44, data, asset.name());
            assertEquals(StrictMath.round(asset.seconds() * 48_000) * 4, data, asset.name() + " lasts " + asset.seconds() + " s");
            int peak = 0;
            for (int i = 44; i < bytes.length; i += 2) {
                peak = Math.max(peak, Math.abs(b.getShort(i)));
            }
            assertTrue(peak > 16_000 && peak < 32_767, asset.name() + " is audible and does not clip (peak " + peak + ")");
        }
    }

    @Test
    void clipsAreH264Mp4sOfTheirSizeRateAndLengthThatMove() throws Exception {
        for (Asset asset : ofKind(ExampleMedia.Kind.CLIP)) {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(made.resolve(asset.path()).toFile())) {
                grabber.start();
                assertEquals(avcodec.AV_CODEC_ID_H264, grabber.getVideoCodec(), asset.name() + " is H.264");
                assertEquals(asset.width(), grabber.getImageWidth(), asset.name());
                assertEquals(asset.height(), grabber.getImageHeight(), asset.name());
                assertEquals(asset.fps(), grabber.getFrameRate(), 0.01, asset.name());
                assertEquals(0, grabber.getAudioChannels(), asset.name() + " has no sound track");
                int frames = 0;
                Set<Integer> looks = new HashSet<>();
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    frames++;
                    looks.add(fingerprint(frame));
                }
                assertEquals(asset.frames(), frames, asset.name() + " has " + asset.frames() + " frames");
                assertTrue(looks.size() > frames * 3 / 4, asset.name() + " moves: " + looks.size() + " different frames of " + frames);
                grabber.stop();
            }
        }
    }

    private static List<Asset> ofKind(ExampleMedia.Kind kind) {
        List<Asset> assets = ExampleMedia.assets().stream().filter(a -> a.kind() == kind).toList();
        assertTrue(assets.size() >= 3, "at least one " + kind + " for each story");
        return assets;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** A hash of a decoded frame's pixels. */
    private static int fingerprint(Frame frame) {
        ByteBuffer pixels = ((ByteBuffer) frame.image[0]).duplicate();
        pixels.rewind();
        int hash = 1;
        while (pixels.hasRemaining()) {
            hash = 31 * hash + pixels.get();
        }
        return hash;
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The checkout's stories/ folder, found upwards from the working directory (the module's folder under Maven). */
    private static Path checkoutStories() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("stories")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p.resolve("stories");
            }
        }
        throw new IllegalStateException("cannot find the checkout's stories/ folder above " + Path.of("").toAbsolutePath());
    }
}
