package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image shot with the author's depth map, rendered by the whole renderer and read back by FFmpeg. */
class ParallaxSceneTest {

    @TempDir
    Path root;

    @Test
    void aShotWithADepthMapPlaysAsVideoAndItsNearPartMovesMore() throws Exception {
        Files.createDirectories(root.resolve("assets"));
        // 300x532 (the frame's shape): a far green field with a red mark; a near blue post with a yellow mark.
        BufferedImage img = new BufferedImage(300, 532, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(60, 140, 70));
        g.fillRect(0, 0, 300, 532);
        g.setColor(new Color(230, 40, 40));
        g.fillRect(60, 0, 12, 532);
        g.setColor(new Color(40, 60, 200));
        g.fillRect(170, 100, 80, 332);
        g.setColor(new Color(240, 220, 40));
        g.fillRect(204, 100, 12, 332);
        g.dispose();
        ImageIO.write(img, "png", root.resolve("assets/post.png").toFile());
        BufferedImage depth = new BufferedImage(150, 266, BufferedImage.TYPE_INT_RGB);
        Graphics2D d = depth.createGraphics();
        d.setColor(Color.WHITE);
        d.fillRect(85, 50, 40, 166);
        d.dispose();
        ImageIO.write(depth, "png", root.resolve("assets/post-depth.png").toFile());

        ResolvedShot shot = new ResolvedShot("image", 2000, null, null, null, "assets/post.png", "pan-right", null, null, null,
                Step.Transition.CUT, null, 1, null, false, 3, "assets/post-depth.png");
        Renders.Output out = Renders.render(root, Renders.SMALL, List.of(shot), Renders.flatTools());
        Path file = Renders.write(root, "parallax.mp4", out.joined());

        FfmpegTools.Run probe = FfmpegTools.ffprobe("-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file.toString());
        assertEquals(0, probe.exit(), probe.err());
        assertEquals("h264,240,426,60", probe.out().strip(), "ffprobe reads every frame of the shot");

        List<BufferedImage> frames = Renders.frames(file);
        assertEquals(60, frames.size());
        int row = 213;
        double far = column(frames.get(59), row, 0xE62828) - column(frames.get(0), row, 0xE62828);
        double near = column(frames.get(59), row, 0xF0DC28) - column(frames.get(0), row, 0xF0DC28);
        // pan-right: the picture slides left, 24 px in a plain pan at 240 wide; the post 12 px more.
        assertTrue(far < -18 && far > -30, "the far mark slides as in a plain pan: " + far);
        assertTrue(near < far - 6, "the near mark slides further: " + near + " against " + far);
        for (BufferedImage f : List.of(frames.get(0), frames.get(30), frames.get(59))) {
            double[] mean = Renders.mean(f, 0, 0, 240, 426);
            assertTrue(mean[1] > 90, "the field fills the frame, no black: " + java.util.Arrays.toString(mean));
        }
    }

    /** The mean x of the pixels in row {@code y} close to {@code rgb}. */
    private static double column(BufferedImage frame, int y, int rgb) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < frame.getWidth(); x++) {
            int p = frame.getRGB(x, y);
            int diff = Math.abs((p >> 16 & 0xFF) - (rgb >> 16 & 0xFF)) + Math.abs((p >> 8 & 0xFF) - (rgb >> 8 & 0xFF))
                    + Math.abs((p & 0xFF) - (rgb & 0xFF));
            if (diff < 90) {
                sum += x;
                n++;
            }
        }
        assertTrue(n > 0, "no pixel of #" + Integer.toHexString(rgb) + " in row " + y);
        return sum / n;
    }
}
