package io.branchline.engine.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * The drawing vocabulary the example pictures share: skies, glows, stars, rain and snow.
 * Every picture is drawn on a 1080x1920 board and scaled to its real size, so a still and
 * a clip of the same place can share their painters. Randomness comes from seeded
 * {@link SplittableRandom}s and trigonometry from {@link StrictMath}, so the same call
 * draws the same pixels on every machine.
 */
final class Canvas {

    /** Width of the drawing board every painter works on. */
    static final double W = 1080;
    /** Height of the drawing board. */
    static final double H = 1920;

    private Canvas() {
    }

    /** Prepares a graphics context of {@code width}x{@code height} pixels for drawing on the board. */
    static void board(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        g.scale(width / W, height / H);
    }

    static Color rgb(int rgb) {
        return new Color(rgb);
    }

    static Color rgba(int rgb, double alpha) {
        return new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, (int) StrictMath.round(clamp(alpha) * 255));
    }

    static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    /** Fills a rectangle with a vertical gradient through {@code colors} at {@code stops} (0 at its top, 1 at its bottom). */
    static void vertical(Graphics2D g, double x, double y, double w, double h, float[] stops, Color... colors) {
        g.setPaint(new LinearGradientPaint(new Point2D.Double(x, y), new Point2D.Double(x, y + h), stops, colors));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    /** A soft round light: {@code color} at the centre fading to nothing at {@code radius}. */
    static void glow(Graphics2D g, double x, double y, double radius, Color color) {
        Color clear = new Color(color.getRed(), color.getGreen(), color.getBlue(), 0);
        Color half = new Color(color.getRed(), color.getGreen(), color.getBlue(), color.getAlpha() / 3);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x, y), (float) radius, new float[] {0f, 0.35f, 1f},
                new Color[] {color, half, clear}, MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }

    /** A glow squashed or stretched into an ellipse (a lamp's pool of light on the ground, a window's spill). */
    static void glow(Graphics2D g, double x, double y, double rx, double ry, Color color) {
        var saved = g.getTransform();
        g.translate(x, y);
        g.scale(1, ry / rx);
        glow(g, 0, 0, rx, color);
        g.setTransform(saved);
    }

    /** A filled disc. */
    static void disc(Graphics2D g, double x, double y, double r, Color color) {
        g.setColor(color);
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    /** Stars over {@code [0, W] x [top, bottom]}, thinning towards the bottom; the few larger ones get a glow. */
    static void stars(Graphics2D g, long seed, int count, double top, double bottom) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            double x = rng.nextDouble() * W;
            double depth = rng.nextDouble();
            double y = top + (bottom - top) * depth * depth;
            double size = 1.2 + 2.6 * StrictMath.pow(rng.nextDouble(), 4);
            double light = (0.35 + 0.45 * rng.nextDouble()) * (1 - 0.6 * depth);
            disc(g, x, y, size, rgba(0xF4F0FF, light));
            if (size > 3) {
                glow(g, x, y, size * 6, rgba(0xC8D4FF, light * 0.35));
            }
        }
    }

    /** Rain as thin slanted streaks, {@code slant} of them leaning right, at most {@code alpha} opaque. */
    static void rain(Graphics2D g, long seed, int count, double slant, double alpha) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            double x0 = rng.nextDouble() * (W + 400) - 200;
            double y = rng.nextDouble() * (H + 300) - 150;
            double length = 40 + rng.nextDouble() * 90;
            double a = alpha * (0.35 + 0.65 * rng.nextDouble());
            double x = x0 + slant * (y / H) * 200;
            g.setStroke(new BasicStroke((float) (1.2 + rng.nextDouble() * 1.6), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(rgba(0xC9D6E8, a));
            g.draw(new Line2D.Double(x, y, x + slant * length * 0.3, y + length));
        }
    }

    /** Snowflakes drifting down and swaying; {@code fall} (0 to 1, wrapping) moves them down, so successive values animate them. */
    static void snow(Graphics2D g, long seed, int count, double alpha, double fall) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            double x0 = rng.nextDouble() * W;
            double y0 = rng.nextDouble();
            double near = rng.nextDouble();
            double r = 2 + near * near * 7;
            double speed = 0.5 + near;
            double phase = rng.nextDouble() * 2 * StrictMath.PI;
            double y = ((y0 + fall * speed) % 1.0) * (H + 40) - 20;
            double x = x0 + 18 * StrictMath.sin(phase + y / 140);
            disc(g, x, y, r, rgba(0xF2F5FF, alpha * (0.4 + 0.6 * near)));
        }
    }

    /** Darkens the edges of the board, {@code strength} at the corners. */
    static void vignette(Graphics2D g, double strength) {
        g.setPaint(new RadialGradientPaint(new Point2D.Double(W / 2, H * 0.55), (float) (H * 0.72), new float[] {0f, 0.55f, 1f},
                new Color[] {rgba(0, 0), rgba(0, 0), rgba(0x000000, strength)}, MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(new Rectangle2D.Double(0, 0, W, H));
    }

    /** A colour between {@code a} (at 0) and {@code b} (at 1). */
    static Color mix(int a, int b, double f) {
        double v = clamp(f);
        int r = (int) StrictMath.round(((a >> 16) & 0xFF) * (1 - v) + ((b >> 16) & 0xFF) * v);
        int gr = (int) StrictMath.round(((a >> 8) & 0xFF) * (1 - v) + ((b >> 8) & 0xFF) * v);
        int bl = (int) StrictMath.round((a & 0xFF) * (1 - v) + (b & 0xFF) * v);
        return new Color(r, gr, bl);
    }

    /** Specks of floating dust in a warm light, over the middle of the board. */
    static void motes(Graphics2D g, long seed, int count, int colour) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            double x = rng.nextDouble() * W;
            double y = 300 + rng.nextDouble() * 1300;
            double r = 1.5 + rng.nextDouble() * 3;
            disc(g, x, y, r, rgba(colour, 0.25 + 0.4 * rng.nextDouble()));
        }
    }
}
