package io.branchline.engine.media;

import java.awt.Graphics2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * The pictures, clips and sounds of the bundled example stories, made by code in this
 * package: pictures drawn with Java2D, clips drawn frame by frame and encoded with x264,
 * sounds synthesised. Nothing here comes from a neural generator, which is why the stories
 * may show them as image and clip shots, without the AI disclosure label.
 *
 * <p>Making them again gives the same bytes: every random choice is seeded, all trigonometry
 * is {@link StrictMath}, and the encoders write no dates or versions.
 */
public final class ExampleMedia {

    /** What kind of file an asset is. */
    public enum Kind { IMAGE, CLIP, SOUND }

    /**
     * One file the maker writes.
     *
     * @param story   the story's folder under {@code stories/}
     * @param name    the file's name in the story's {@code assets/} folder
     * @param width   pixels across (images and clips; 0 for sounds)
     * @param height  pixels down (images and clips; 0 for sounds)
     * @param fps     frames a second (clips; 0 otherwise)
     * @param seconds how long it lasts (clips and sounds; 0 for images)
     */
    public record Asset(String story, String name, Kind kind, int width, int height, int fps, double seconds) {

        /** The file's path relative to the {@code stories/} folder, with '/' between parts. */
        public String path() {
            return story + "/assets/" + name;
        }

        /** How many frames a clip has. */
        public int frames() {
            return (int) StrictMath.round(seconds * fps);
        }
    }

    private record Entry(Asset asset, Consumer<Path> maker) {
    }

    private ExampleMedia() {
    }

    /** Every asset the maker writes, in the order it writes them. */
    public static List<Asset> assets() {
        return entries().stream().map(Entry::asset).toList();
    }

    /**
     * Writes every asset under {@code stories} (the folder holding one folder per story),
     * replacing what is there, and returns the files written in order.
     */
    public static List<Path> write(Path stories) {
        List<Path> written = new ArrayList<>();
        for (Entry entry : entries()) {
            Path file = stories.resolve(entry.asset().path());
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            entry.maker().accept(file);
            written.add(file);
        }
        return written;
    }

    private static List<Entry> entries() {
        return List.of(
                image("night-ferry", "ferry.png", 720, 1280, FerryArt::ferry),
                clip("night-ferry", "lighthouse.mp4", 720, 1280, 30, 4, FerryArt::lighthouse),
                sound("night-ferry", "sea.wav", 4, ExampleSounds::sea),
                sound("night-ferry", "rain.wav", 3, ExampleSounds::rain),
                image("madame-zora", "crystal-ball.png", 1080, 1920, ZoraArt::crystalBall),
                image("madame-zora", "tent.png", 1080, 1920, MidwayArt::tent),
                clip("madame-zora", "candle.mp4", 720, 1280, 24, 4, ZoraArt::candleClip),
                sound("madame-zora", "organ.wav", 4, ExampleSounds::organ),
                image("linie-null", "haltestelle.png", 720, 1280, TramArt::stop),
                clip("linie-null", "tram.mp4", 720, 1280, 30, 4, TramArt::tramClip),
                sound("linie-null", "bell.wav", 3, ExampleSounds::bell));
    }

    private static Entry image(String story, String name, int width, int height, Consumer<Graphics2D> painter) {
        return new Entry(new Asset(story, name, Kind.IMAGE, width, height, 0, 0),
                file -> save(file, PngWriter.png(PngWriter.draw(width, height, painter))));
    }

    private static Entry clip(String story, String name, int width, int height, int fps, double seconds, Supplier<ClipWriter.Frames> frames) {
        Asset asset = new Asset(story, name, Kind.CLIP, width, height, fps, seconds);
        return new Entry(asset, file -> ClipWriter.write(file, width, height, fps, asset.frames(), frames.get()));
    }

    private static Entry sound(String story, String name, double seconds, DoubleFunction<float[]> synth) {
        return new Entry(new Asset(story, name, Kind.SOUND, 0, 0, 0, seconds),
                file -> save(file, WavWriter.wav(synth.apply(seconds))));
    }

    private static void save(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
