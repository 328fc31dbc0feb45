package io.branchline.engine.media;

import static io.branchline.engine.media.Canvas.H;
import static io.branchline.engine.media.Canvas.W;
import static io.branchline.engine.media.Canvas.rgb;
import static io.branchline.engine.media.Canvas.rgba;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Madame Zora's tent on the carnival midway at night: striped canvas, string lights, a
 * Ferris wheel, Zora in the lit doorway, and a lone figure walking off.
 */
final class MidwayArt {

    private MidwayArt() {
    }

    /** The tent on the midway at night: striped canvas, string lights, a Ferris wheel, a lone figure leaving. */
    static void tent(Graphics2D g) {
        Canvas.vertical(g, 0, 0, W, 1500, new float[] {0f, 0.5f, 0.85f, 1f},
                rgb(0x07041A), rgb(0x1C0C38), rgb(0x4A2050), rgb(0x6A3050));
        Canvas.stars(g, 91, 180, 0, 1000);
        Canvas.glow(g, 880, 260, 52, rgba(0xF6EED8, 0.95));
        Canvas.disc(g, 880, 260, 44, rgb(0xF3EAD2));
        Canvas.disc(g, 862, 248, 40, rgb(0x140A2C));   // a crescent: the dark disc bites the moon
        ferrisWheel(g, 210, 860, 330);
        ground(g);
        tentBody(g);
        stringLights(g);
        walker(g, 770, 1780, 1.0);
        Canvas.motes(g, 92, 40, 0xFFD8F0);
        Canvas.vignette(g, 0.6);
    }

    private static void ferrisWheel(Graphics2D g, double x, double y, double r) {
        g.setColor(rgb(0x120820));
        g.setStroke(new BasicStroke(10));
        g.draw(new Line2D.Double(x, y, x - r * 0.55, 1500));
        g.draw(new Line2D.Double(x, y, x + r * 0.55, 1500));
        g.setStroke(new BasicStroke(4));
        g.setColor(rgba(0x2A1840, 0.9));
        g.draw(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        g.draw(new Ellipse2D.Double(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r));
        int spokes = 16;
        for (int i = 0; i < spokes; i++) {
            double a = i * 2 * StrictMath.PI / spokes + 0.1;
            double ex = x + r * StrictMath.cos(a);
            double ey = y + r * StrictMath.sin(a);
            g.setStroke(new BasicStroke(2));
            g.setColor(rgba(0x2A1840, 0.9));
            g.draw(new Line2D.Double(x, y, ex, ey));
            int color = i % 3 == 0 ? 0xFF5A8A : i % 3 == 1 ? 0xFFD060 : 0x70D0FF;
            Canvas.glow(g, ex, ey, 30, rgba(color, 0.5));
            Canvas.disc(g, ex, ey, 6, rgb(color));
            // a gondola hanging from every other spoke
            if (i % 2 == 0) {
                g.setColor(rgb(0x1A0C2A));
                g.fill(new RoundRectangle2D.Double(ex - 20, ey + 6, 40, 30, 10, 10));
            }
        }
        Canvas.disc(g, x, y, 16, rgb(0x2A1840));
    }

    private static void ground(Graphics2D g) {
        Canvas.vertical(g, 0, 1480, W, H - 1480, new float[] {0f, 1f}, rgb(0x1A0C24), rgb(0x07030A));
        // the tent's light spilling onto the ground and a trodden path to the viewer
        Canvas.glow(g, 540, 1560, 520, 140, rgba(0xFF9A50, 0.45));
        Path2D.Double path = new Path2D.Double();
        path.moveTo(470, 1520);
        path.lineTo(610, 1520);
        path.lineTo(900, H);
        path.lineTo(240, H);
        path.closePath();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 1520), new Point2D.Double(0, H), new float[] {0f, 1f},
                new Color[] {rgba(0x6A3A30, 0.8), rgba(0x1A0C14, 0.5)}));
        g.fill(path);
    }

    /** The tent: a striped cone roof with a scalloped eave, striped walls, a glowing doorway under an eye. */
    private static void tentBody(Graphics2D g) {
        double apexX = 540;
        double apexY = 560;
        double eave = 1040;
        double left = 150;
        double right = 930;
        double floor = 1530;
        int stripes = 12;
        // walls
        for (int i = 0; i < stripes; i++) {
            double x0 = left + (right - left) * i / stripes;
            double x1 = left + (right - left) * (i + 1) / stripes;
            g.setColor(i % 2 == 0 ? rgb(0x8A1A2E) : rgb(0xD8C6A0));
            g.fill(new Rectangle2D.Double(x0, eave, x1 - x0 + 0.5, floor - eave));
        }
        // roof
        for (int i = 0; i < stripes; i++) {
            double x0 = left - 60 + (right - left + 120) * i / stripes;
            double x1 = left - 60 + (right - left + 120) * (i + 1) / stripes;
            Path2D.Double tri = new Path2D.Double();
            tri.moveTo(apexX, apexY);
            tri.lineTo(x0, eave);
            tri.lineTo(x1 + 0.5, eave);
            tri.closePath();
            g.setColor(i % 2 == 0 ? rgb(0xA0203A) : rgb(0xE6D6B0));
            g.fill(tri);
        }
        // night shading: dark at the sides, lit from the doorway below
        g.setPaint(new LinearGradientPaint(new Point2D.Double(left - 60, 0), new Point2D.Double(right + 60, 0), new float[] {0f, 0.5f, 1f},
                new Color[] {rgba(0x0A0418, 0.85), rgba(0x0A0418, 0.35), rgba(0x0A0418, 0.85)}));
        Path2D.Double body = new Path2D.Double();
        body.moveTo(apexX, apexY);
        body.lineTo(left - 60, eave);
        body.lineTo(left, eave);
        body.lineTo(left, floor);
        body.lineTo(right, floor);
        body.lineTo(right, eave);
        body.lineTo(right + 60, eave);
        body.closePath();
        g.fill(body);
        Shape clip = g.getClip();
        g.clip(body);
        Canvas.vertical(g, left - 60, apexY, right - left + 120, floor - apexY, new float[] {0f, 0.6f, 1f},
                rgba(0x0A0418, 0.45), rgba(0x0A0418, 0.1), rgba(0x0A0418, 0.0));
        g.setClip(clip);
        // scalloped eave
        g.setColor(rgb(0x5A0E1E));
        for (double x = left - 60; x < right + 60; x += 65) {
            g.fill(new Arc2D.Double(x, eave - 32, 65, 64, 180, 180, Arc2D.CHORD));
        }
        g.setStroke(new BasicStroke(5));
        g.setColor(rgb(0xC8983E));
        g.draw(new Line2D.Double(left - 60, eave, right + 60, eave));
        // doorway with its glow and a silhouette of Zora at her table
        Path2D.Double door = new Path2D.Double();
        door.moveTo(470, floor);
        door.quadTo(470, 1200, 540, 1150);
        door.quadTo(610, 1200, 610, floor);
        door.closePath();
        Canvas.glow(g, 540, 1360, 300, rgba(0xFF9A40, 0.55));
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 1150), new Point2D.Double(0, floor), new float[] {0f, 1f},
                new Color[] {rgb(0xFFB860), rgb(0xD85A30)}));
        g.fill(door);
        g.setColor(rgb(0x2A0A1A));
        g.fill(new Ellipse2D.Double(521, 1300, 38, 44));                               // head
        g.fill(new Ellipse2D.Double(512, 1280, 56, 26));                               // turban
        g.fill(new RoundRectangle2D.Double(500, 1340, 80, 110, 30, 30));               // shoulders
        g.fill(new Rectangle2D.Double(478, 1440, 124, floor - 1440));                  // the table
        Canvas.glow(g, 540, 1428, 34, rgba(0xE0C0FF, 0.9));                            // her ball
        // the eye above the door
        Path2D.Double eye = new Path2D.Double();
        eye.moveTo(470, 1100);
        eye.quadTo(540, 1040, 610, 1100);
        eye.quadTo(540, 1160, 470, 1100);
        eye.closePath();
        g.setColor(rgb(0xE8D8A8));
        g.fill(eye);
        Canvas.disc(g, 540, 1100, 24, rgb(0x4A2A8A));
        Canvas.disc(g, 540, 1100, 10, rgb(0x0A0418));
        g.setStroke(new BasicStroke(4));
        g.setColor(rgb(0xC8983E));
        g.draw(eye);
        // pole and pennant at the apex
        g.setStroke(new BasicStroke(6));
        g.setColor(rgb(0x2A1A10));
        g.draw(new Line2D.Double(apexX, apexY, apexX, apexY - 140));
        Path2D.Double flag = new Path2D.Double();
        flag.moveTo(apexX, apexY - 140);
        flag.quadTo(apexX + 60, apexY - 150, apexX + 120, apexY - 118);
        flag.quadTo(apexX + 60, apexY - 110, apexX, apexY - 90);
        flag.closePath();
        g.setColor(rgb(0xC8283E));
        g.fill(flag);
    }

    /** Two garlands of coloured bulbs from the tent's pole to the corners of the picture. */
    private static void stringLights(Graphics2D g) {
        int[] colors = {0xFFD060, 0xFF5A7A, 0x80E0FF, 0xB0FF90, 0xFFA040};
        double[][] ends = {{540, 430, -20, 760}, {540, 430, W + 20, 700}, {-20, 1120, 160, 1040}, {W + 20, 1100, 920, 1040}};
        int n = 0;
        for (double[] e : ends) {
            double sag = 90;
            g.setStroke(new BasicStroke(2));
            g.setColor(rgba(0x0A0614, 0.9));
            Path2D.Double wire = new Path2D.Double();
            wire.moveTo(e[0], e[1]);
            wire.quadTo((e[0] + e[2]) / 2, (e[1] + e[3]) / 2 + 2 * sag, e[2], e[3]);
            g.draw(wire);
            int bulbs = 11;
            for (int i = 1; i < bulbs; i++) {
                double k = i / (double) bulbs;
                double bx = (1 - k) * (1 - k) * e[0] + 2 * k * (1 - k) * (e[0] + e[2]) / 2 + k * k * e[2];
                double by = (1 - k) * (1 - k) * e[1] + 2 * k * (1 - k) * ((e[1] + e[3]) / 2 + 2 * sag) + k * k * e[3];
                int c = colors[n++ % colors.length];
                Canvas.glow(g, bx, by + 8, 34, rgba(c, 0.55));
                Canvas.disc(g, bx, by + 8, 7, rgb(c));
            }
        }
    }

    /** A lone figure walking to the right, seen from the side, at ({@code x}, {@code feet}). */
    private static void walker(Graphics2D g, double x, double feet, double s) {
        g.setColor(rgb(0x050208));
        double h = 260 * s;
        g.fill(new Ellipse2D.Double(x - 20 * s, feet - h, 40 * s, 44 * s));                      // head
        Path2D.Double coat = new Path2D.Double();
        coat.moveTo(x - 26 * s, feet - h + 50 * s);
        coat.lineTo(x + 24 * s, feet - h + 50 * s);
        coat.lineTo(x + 34 * s, feet - 100 * s);
        coat.lineTo(x - 36 * s, feet - 100 * s);
        coat.closePath();
        g.fill(coat);
        g.setStroke(new BasicStroke((float) (18 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x - 6 * s, feet - 104 * s, x - 40 * s, feet - 6 * s));           // back leg
        g.draw(new Line2D.Double(x + 6 * s, feet - 104 * s, x + 36 * s, feet - 8 * s));           // front leg
        g.setStroke(new BasicStroke((float) (14 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x, feet - h + 64 * s, x + 30 * s, feet - 130 * s));              // arm
        // the untied shoelace
        g.setStroke(new BasicStroke((float) (2.5 * s)));
        g.setColor(rgb(0xB8A890));
        Path2D.Double lace = new Path2D.Double();
        lace.moveTo(x + 40 * s, feet - 10 * s);
        lace.quadTo(x + 60 * s, feet + 4 * s, x + 76 * s, feet - 2 * s);
        g.draw(lace);
        // a long shadow from the tent's light
        Canvas.glow(g, x + 10 * s, feet + 4 * s, 90 * s, 12 * s, rgba(0x000000, 0.6));
    }
}
