package io.branchline.engine.media;

import static io.branchline.engine.media.Canvas.H;
import static io.branchline.engine.media.Canvas.W;
import static io.branchline.engine.media.Canvas.rgb;
import static io.branchline.engine.media.Canvas.rgba;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * The Night Ferry's pictures: the ferry on a night sea with its cabins lit, and the
 * lighthouse whose beam sweeps over the waves (a clip).
 */
final class FerryArt {

    private static final double HORIZON = 1150;

    private FerryArt() {
    }

    /** The ferry crossing at night: moon behind cloud, a far coast, the ship with lit cabins, rain. */
    static void ferry(Graphics2D g) {
        Canvas.vertical(g, 0, 0, W, HORIZON, new float[] {0f, 0.55f, 1f}, rgb(0x04060D), rgb(0x0D1630), rgb(0x2B3752));
        Canvas.stars(g, 11, 150, 0, 900);
        Canvas.glow(g, 790, 330, 430, rgba(0xB9C4E0, 0.32));
        Canvas.disc(g, 790, 330, 64, rgb(0xE9E6D6));
        clouds(g, 12, 0.0);
        Canvas.glow(g, 760, 350, 240, 34, rgba(0x141A28, 0.8));
        Canvas.glow(g, 840, 300, 160, 22, rgba(0x1A2132, 0.7));
        fogBand(g, 0.55);
        coast(g);
        sea(g, 0, 0);
        moonPath(g, 790);
        ship(g);
        Canvas.rain(g, 13, 260, 0.35, 0.26);
        Canvas.vignette(g, 0.65);
    }

    /**
     * The lighthouse clip: the beam turns and passes over the viewer near 1.9 s while the
     * waves roll. Its painter keeps the sky and the vignette as layers drawn once.
     */
    static ClipWriter.Frames lighthouse() {
        Layer sky = new Layer(g -> {
            Canvas.vertical(g, 0, 0, W, HORIZON, new float[] {0f, 0.6f, 1f}, rgb(0x03050B), rgb(0x0B1226), rgb(0x222E48));
            Canvas.stars(g, 21, 90, 0, 800);
            clouds(g, 22, 0);
        });
        Layer vignette = new Layer(g -> Canvas.vignette(g, 0.6));
        return (g, t) -> {
            double turn = -2.6 + 2 * StrictMath.PI * t / 4.6;   // the beam's bearing; 0 looks straight at the viewer
            double flash = StrictMath.pow(StrictMath.max(0, StrictMath.cos(turn)), 10);
            sky.draw(g);
            fogBand(g, 0.45 + 0.3 * flash);
            double lampX = 740;
            double lampY = 800;
            headland(g, lampX, lampY);
            beam(g, lampX, lampY, turn);
            sea(g, t, flash);
            Canvas.glow(g, lampX, lampY, 120 + 900 * flash, rgba(0xFFF3C8, 0.55 + 0.45 * flash));
            Canvas.disc(g, lampX, lampY, 9 + 8 * flash, rgb(0xFFF8E0));
            vignette.draw(g);
        };
    }

    private static void clouds(Graphics2D g, long seed, double drift) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 14; i++) {
            double x = rng.nextDouble() * (W + 600) - 300 + drift;
            double y = 180 + rng.nextDouble() * 620;
            double rx = 260 + rng.nextDouble() * 380;
            double ry = 30 + rng.nextDouble() * 50;
            Canvas.glow(g, x, y, rx, ry, rgba(0x151C2C, 0.55 + 0.35 * rng.nextDouble()));
            Canvas.glow(g, x + rx * 0.2, y - ry * 0.6, rx * 0.6, ry * 0.7, rgba(0x3A4560, 0.18));
        }
    }

    private static void fogBand(Graphics2D g, double alpha) {
        Canvas.vertical(g, 0, HORIZON - 220, W, 320, new float[] {0f, 0.7f, 1f},
                rgba(0x3A4660, 0), rgba(0x46536E, alpha), rgba(0x3A4660, 0));
    }

    /** A low far coast with the lights of a harbour. */
    private static void coast(Graphics2D g) {
        Path2D.Double land = new Path2D.Double();
        land.moveTo(0, HORIZON);
        land.lineTo(0, HORIZON - 34);
        land.curveTo(120, HORIZON - 52, 220, HORIZON - 30, 330, HORIZON - 24);
        land.curveTo(420, HORIZON - 18, 500, HORIZON - 10, 560, HORIZON);
        land.closePath();
        g.setColor(rgb(0x0B1020));
        g.fill(land);
        SplittableRandom rng = new SplittableRandom(31);
        for (int i = 0; i < 26; i++) {
            double x = 20 + rng.nextDouble() * 500;
            double y = HORIZON - 6 - rng.nextDouble() * 22 * (1 - x / 560);
            Color c = rng.nextDouble() < 0.8 ? rgba(0xFFCF80, 0.9) : rgba(0xE8F0FF, 0.9);
            Canvas.glow(g, x, y, 14, rgba(c.getRGB() & 0xFFFFFF, 0.5));
            Canvas.disc(g, x, y, 2.2, c);
        }
    }

    /**
     * The sea from the horizon down: overlapping swells, far to near, each a band a shade
     * apart with a faint lit crest; they roll with {@code t}, and {@code flash} lights the far ones.
     */
    private static void sea(Graphics2D g, double t, double flash) {
        Canvas.vertical(g, 0, HORIZON, W, H - HORIZON, new float[] {0f, 0.25f, 1f}, rgb(0x16203A), rgb(0x0B1222), rgb(0x03060C));
        SplittableRandom rng = new SplittableRandom(41);
        int rows = 26;
        for (int j = 0; j < rows; j++) {
            double depth = (j + 0.5) / rows;                  // 0 far, 1 near
            double y = HORIZON + (H - HORIZON) * depth * depth;
            double amp = 2 + 26 * depth * depth;
            double k = 0.010 / (0.25 + depth);
            double speed = 1.4 + rng.nextDouble();
            double phase = rng.nextDouble() * 6.3;
            Path2D.Double crest = new Path2D.Double();
            for (double x = -24; x <= W + 24; x += 12) {
                double yy = y + amp * StrictMath.sin(k * x + phase - speed * t)
                        + amp * 0.4 * StrictMath.sin(2.3 * k * x - 1.7 * speed * t + phase * 2);
                if (x == -24) {
                    crest.moveTo(x, yy);
                } else {
                    crest.lineTo(x, yy);
                }
            }
            // each swell reaches just below the next one's lowest point, so nothing is painted twice over
            double next = (j + 1.5) / rows;
            double bottom = StrictMath.min(H + 10, HORIZON + (H - HORIZON) * next * next + 2 * (2 + 26 * next * next) + 4);
            Path2D.Double swell = new Path2D.Double(crest);
            swell.lineTo(W + 24, bottom);
            swell.lineTo(-24, bottom);
            swell.closePath();
            double shade = (1 - depth) * 0.9;
            Color top = Canvas.mix(0x05080F, 0x1C2744, shade + (j % 2) * 0.06);
            g.setPaint(new LinearGradientPaint(new Point2D.Double(0, y - amp), new Point2D.Double(0, y + 40 + 200 * depth),
                    new float[] {0f, 1f}, new Color[] {top, Canvas.mix(0x03050A, 0x111A30, shade)}));
            g.fill(swell);
            g.setStroke(new BasicStroke((float) (1 + 2.5 * depth)));
            g.setColor(rgba(0x8C9CC0, 0.10 + 0.10 * (1 - depth) + 0.4 * flash * (1 - depth)));
            g.draw(crest);
        }
    }

    /** The moon's broken reflection on the water. */
    private static void moonPath(Graphics2D g, double x) {
        SplittableRandom rng = new SplittableRandom(51);
        for (int i = 0; i < 45; i++) {
            double depth = rng.nextDouble();
            double y = HORIZON + 8 + (H - HORIZON) * depth * depth;
            double half = 10 + 120 * depth * rng.nextDouble();
            double dx = (rng.nextDouble() - 0.5) * (30 + 160 * depth);
            g.setStroke(new BasicStroke((float) (1.5 + 4 * depth), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(rgba(0xD8DCEA, 0.28 * (1 - 0.6 * depth) + 0.1 * rng.nextDouble()));
            g.draw(new Line2D.Double(x + dx - half, y, x + dx + half, y));
        }
    }

    /** The ferry side on, bow to the left: dark hull, pale decks, rows of lit windows, a funnel, mast lights. */
    private static void ship(Graphics2D g) {
        double water = 1300;
        // warm reflections of the lit decks, under the hull
        SplittableRandom rng = new SplittableRandom(61);
        for (int i = 0; i < 60; i++) {
            double x = 260 + rng.nextDouble() * 620;
            double y = water + rng.nextDouble() * 360;
            double len = 8 + rng.nextDouble() * 40;
            g.setStroke(new BasicStroke((float) (2 + rng.nextDouble() * 3), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(rgba(0xFFC46A, 0.35 * (1 - (y - water) / 380)));
            g.draw(new Line2D.Double(x - len, y, x + len, y));
        }
        Canvas.glow(g, 580, 1110, 560, 200, rgba(0xFFB45A, 0.16));

        // smoke from the funnel, drifting aft
        for (int i = 0; i < 9; i++) {
            double s = i / 8.0;
            Canvas.glow(g, 700 + 280 * s, 830 - 150 * s - 30 * StrictMath.sin(i), 60 + 110 * s, 40 + 60 * s, rgba(0x2E3546, 0.55 - 0.4 * s));
        }

        // superstructure
        deck(g, 250, 1075, 890, 1170, rgb(0x3A4356), rgb(0x1D2330));
        deck(g, 330, 995, 850, 1075, rgb(0x444E62), rgb(0x232A38));
        deck(g, 360, 935, 560, 995, rgb(0x4D586E), rgb(0x2A3140));
        windows(g, 71, 280, 1095, 860, 1150, 22, 0.82);
        windows(g, 72, 350, 1012, 830, 1058, 19, 0.7);
        // the bridge: a band of windows in a pale glow
        for (int i = 0; i < 6; i++) {
            double x = 372 + i * 31;
            g.setColor(rgb(0xBFD4E8));
            g.fill(new Rectangle2D.Double(x, 950, 22, 22));
        }
        // one cabin lit brighter than the rest: the scene of the crime
        Canvas.glow(g, 745, 1122, 90, rgba(0xFFD890, 0.55));
        g.setColor(rgb(0xFFE6B0));
        g.fill(new Rectangle2D.Double(728, 1103, 34, 38));

        // funnel
        Path2D.Double funnel = new Path2D.Double();
        funnel.moveTo(640, 995);
        funnel.lineTo(656, 850);
        funnel.lineTo(736, 850);
        funnel.lineTo(742, 995);
        funnel.closePath();
        g.setColor(rgb(0x1A1F2A));
        g.fill(funnel);
        g.setColor(rgb(0x7A1C1C));
        g.fill(new Rectangle2D.Double(652, 880, 88, 26));
        g.setColor(rgb(0x0C0E14));
        g.fill(new Rectangle2D.Double(655, 850, 82, 16));

        // mast and its lights
        g.setStroke(new BasicStroke(5));
        g.setColor(rgb(0x1A1F2A));
        g.draw(new Line2D.Double(470, 935, 470, 800));
        g.draw(new Line2D.Double(440, 850, 500, 850));
        Canvas.glow(g, 470, 800, 60, rgba(0xFFFFFF, 0.7));
        Canvas.disc(g, 470, 800, 6, rgb(0xFFFFFF));
        Canvas.glow(g, 440, 850, 34, rgba(0xFF4040, 0.7));
        Canvas.disc(g, 440, 850, 5, rgb(0xFF6A6A));

        // hull
        Path2D.Double hull = new Path2D.Double();
        hull.moveTo(90, 1140);
        hull.curveTo(140, 1200, 190, 1270, 230, water);
        hull.lineTo(950, water);
        hull.lineTo(985, 1175);
        hull.lineTo(950, 1165);
        hull.lineTo(120, 1150);
        hull.closePath();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 1140), new Point2D.Double(0, water),
                new float[] {0f, 1f}, new Color[] {rgb(0x1B2130), rgb(0x07090E)}));
        g.fill(hull);
        g.setStroke(new BasicStroke(6));
        g.setColor(rgb(0x8C96AA));
        g.draw(new Line2D.Double(150, 1180, 962, 1186));
        // portholes
        SplittableRandom ports = new SplittableRandom(73);
        for (double x = 260; x < 930; x += 34) {
            boolean lit = ports.nextDouble() < 0.55;
            Canvas.disc(g, x, 1222, 6, lit ? rgb(0xFFCB78) : rgb(0x2A3040));
            if (lit) {
                Canvas.glow(g, x, 1222, 22, rgba(0xFFB860, 0.45));
            }
        }
        // foam where the bow cuts the water
        Canvas.glow(g, 235, water, 120, 14, rgba(0xC8D2E6, 0.45));
        Canvas.glow(g, 600, water + 4, 420, 10, rgba(0x8E9CB8, 0.25));
        // the starboard light at the bow: green
        Canvas.glow(g, 150, 1160, 30, rgba(0x40FF80, 0.7));
        Canvas.disc(g, 150, 1160, 5, rgb(0x9CFFC0));
    }

    private static void deck(Graphics2D g, double x0, double y0, double x1, double y1, Color top, Color bottom) {
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, y0), new Point2D.Double(0, y1),
                new float[] {0f, 1f}, new Color[] {top, bottom}));
        g.fill(new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0));
        g.setColor(rgba(0xAEB8CC, 0.6));
        g.fill(new Rectangle2D.Double(x0 - 6, y0 - 5, x1 - x0 + 12, 6));
    }

    /** A row of square windows between {@code x0} and {@code x1}; each is lit with probability {@code lit}. */
    private static void windows(Graphics2D g, long seed, double x0, double y0, double x1, double y1, double step, double lit) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (double x = x0; x + step * 0.6 < x1; x += step) {
            boolean on = rng.nextDouble() < lit;
            Color c = on ? (rng.nextDouble() < 0.3 ? rgb(0xFFE2A8) : rgb(0xFFC76E)) : rgb(0x1A202C);
            g.setColor(c);
            g.fill(new Rectangle2D.Double(x, y0, step * 0.62, y1 - y0));
        }
    }

    /** A dark headland with a white tower, its lamp at ({@code lampX}, {@code lampY}). */
    private static void headland(Graphics2D g, double lampX, double lampY) {
        Path2D.Double land = new Path2D.Double();
        land.moveTo(W, HORIZON + 12);
        land.lineTo(420, HORIZON + 12);
        land.curveTo(520, HORIZON - 20, 600, HORIZON - 70, lampX - 60, HORIZON - 110);
        land.curveTo(lampX + 40, HORIZON - 130, 960, HORIZON - 120, W, HORIZON - 90);
        land.closePath();
        g.setColor(rgb(0x060910));
        g.fill(land);
        Path2D.Double tower = new Path2D.Double();
        tower.moveTo(lampX - 44, HORIZON - 112);
        tower.lineTo(lampX - 26, lampY + 30);
        tower.lineTo(lampX + 26, lampY + 30);
        tower.lineTo(lampX + 44, HORIZON - 118);
        tower.closePath();
        g.setColor(rgb(0x8A90A0));
        g.fill(tower);
        g.setColor(rgb(0x3A2020));
        g.fill(new Rectangle2D.Double(lampX - 38, lampY + 130, 76, 34));
        g.fill(new Rectangle2D.Double(lampX - 34, lampY + 30, 68, 14));
        g.setColor(rgb(0x20242E));
        g.fill(new Ellipse2D.Double(lampX - 30, lampY - 44, 60, 34));
    }

    /**
     * The lamp's beam for a bearing {@code turn} (radians; 0 points at the viewer): a long
     * wedge to one side that shortens as it swings towards the viewer and behind the tower.
     */
    private static void beam(Graphics2D g, double x, double y, double turn) {
        double side = StrictMath.sin(turn);
        double toward = StrictMath.cos(turn);
        double length = 1500 * StrictMath.abs(side) + 200;
        double spread = 60 + 260 * StrictMath.max(0, toward);
        double alpha = toward > -0.2 ? 0.32 + 0.25 * StrictMath.max(0, toward) : 0.32 * StrictMath.max(0, 1 + (toward + 0.2) * 2);
        if (alpha <= 0.01) {
            return;
        }
        double dir = side >= 0 ? 1 : -1;
        double ex = x + dir * length;
        double ey = y - 40 - 60 * StrictMath.abs(side);
        Path2D.Double wedge = new Path2D.Double();
        wedge.moveTo(x, y - 6);
        wedge.lineTo(ex, ey - spread);
        wedge.lineTo(ex, ey + spread);
        wedge.lineTo(x, y + 6);
        wedge.closePath();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(x, y), new Point2D.Double(ex, ey),
                new float[] {0f, 1f}, new Color[] {rgba(0xFFF1C0, alpha), rgba(0xFFF1C0, 0)}));
        g.fill(wedge);
    }
}
