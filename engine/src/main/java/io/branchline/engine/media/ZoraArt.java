package io.branchline.engine.media;

import static io.branchline.engine.media.Canvas.H;
import static io.branchline.engine.media.Canvas.W;
import static io.branchline.engine.media.Canvas.rgb;
import static io.branchline.engine.media.Canvas.rgba;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

/**
 * Madame Zora's table: the crystal ball on the velvet cloth between candles, and a candle
 * that flickers and gutters out (a clip). Her tent outside is {@link MidwayArt}.
 */
final class ZoraArt {

    /** When the clip's candle starts to go out, in seconds. */
    private static final double GUTTER = 3.0;

    private ZoraArt() {
    }

    /** The crystal ball on its brass stand, violet smoke inside, candles either side, cards on the cloth. */
    static void crystalBall(Graphics2D g) {
        drapes(g);
        table(g);
        card(g, 250, 1560, -0.28, 0);
        card(g, 820, 1585, 0.22, 1);
        candle(g, 130, 1370, 420, 1.0, 0.0, 1, 1, -1);
        candle(g, 870, 1380, 320, 0.9, 0.7, 2, 1, -1);
        ball(g, 540, 1020, 270, 0.0);
        Canvas.motes(g, 81, 30, 0xFFE0A0);
        Canvas.vignette(g, 0.7);
    }

    /**
     * The candle clip, 4 s: a candle flickers before the crystal ball, gutters out from 3 s and
     * smokes. The background, the table and the vignette are layers drawn once.
     */
    static ClipWriter.Frames candleClip() {
        Layer back = new Layer(g -> Canvas.vertical(g, 0, 0, W, H, new float[] {0f, 1f}, rgb(0x0C0516), rgb(0x1E0A2A)));
        Layer warmth = new Layer(g -> Canvas.glow(g, 640, 760, 900, rgba(0xFF9A40, 0.45)));
        Layer table = new Layer(ZoraArt::table);
        Layer vignette = new Layer(g -> Canvas.vignette(g, 0.75));
        return (g, t) -> {
            double out = Canvas.clamp((t - GUTTER) / 0.45);
            double life = 1 - out * out;
            back.draw(g);
            warmth.draw(g, life * flicker(t, 0) * 0.93);
            table.draw(g);
            ball(g, 250, 1060, 230, t);
            candle(g, 640 - 46 * 2.6, 1500, 620, 2.6, t, 3, life, t - GUTTER - 0.1);
            vignette.draw(g);
        };
    }

    /** A flame's brightness factor around 1 at time {@code t}: a few incommensurate wobbles. */
    private static double flicker(double t, double salt) {
        return 1 + 0.07 * StrictMath.sin(11.3 * t + salt) + 0.05 * StrictMath.sin(23.7 * t + 2 * salt)
                + 0.04 * StrictMath.sin(37.1 * t + 3 * salt);
    }

    private static void drapes(Graphics2D g) {
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 0), new Point2D.Double(150, 0), new float[] {0f, 0.5f, 1f},
                new Color[] {rgb(0x1E0830), rgb(0x3C1658), rgb(0x1E0830)}, MultipleGradientPaint.CycleMethod.REPEAT));
        g.fill(new Rectangle2D.Double(0, 0, W, H));
        Canvas.vertical(g, 0, 0, W, H, new float[] {0f, 0.35f, 0.7f, 1f},
                rgba(0x05010A, 0.85), rgba(0x05010A, 0.2), rgba(0x05010A, 0.35), rgba(0x05010A, 0.8));
        // a gold-fringed valance across the top
        g.setColor(rgb(0x2A0A3A));
        Path2D.Double valance = new Path2D.Double();
        valance.moveTo(0, 0);
        valance.lineTo(W, 0);
        valance.lineTo(W, 170);
        for (double x = W; x >= 0; x -= 135) {
            valance.quadTo(x - 67, 250, x - 135, 170);
        }
        valance.closePath();
        g.fill(valance);
        g.setStroke(new BasicStroke(6));
        g.setColor(rgba(0xC89A3A, 0.75));
        Path2D.Double hem = new Path2D.Double();
        hem.moveTo(W, 170);
        for (double x = W; x >= 0; x -= 135) {
            hem.quadTo(x - 67, 250, x - 135, 170);
        }
        g.draw(hem);
        // hanging brass stars and moons
        SplittableRandom rng = new SplittableRandom(83);
        for (int i = 0; i < 7; i++) {
            double x = 70 + i * 155 + rng.nextDouble() * 40;
            double y = 320 + rng.nextDouble() * 260;
            g.setStroke(new BasicStroke(2));
            g.setColor(rgba(0xB08A40, 0.6));
            g.draw(new Line2D.Double(x, 200, x, y));
            Canvas.glow(g, x, y, 40, rgba(0xFFD070, 0.25));
            g.setColor(rgb(0xD6A84A));
            g.fill(i % 2 == 0 ? star(x, y + 20, 22, 9) : crescent(x, y + 22, 20));
        }
    }

    private static Shape star(double x, double y, double outer, double inner) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double a = -StrictMath.PI / 2 + i * StrictMath.PI / 5;
            double r = i % 2 == 0 ? outer : inner;
            if (i == 0) {
                p.moveTo(x + r * StrictMath.cos(a), y + r * StrictMath.sin(a));
            } else {
                p.lineTo(x + r * StrictMath.cos(a), y + r * StrictMath.sin(a));
            }
        }
        p.closePath();
        return p;
    }

    private static Shape crescent(double x, double y, double r) {
        java.awt.geom.Area a = new java.awt.geom.Area(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        a.subtract(new java.awt.geom.Area(new Ellipse2D.Double(x - r * 0.55, y - r * 1.15, 2 * r, 2 * r)));
        return a;
    }

    /** The velvet tablecloth from y 1280 down, with a gold fringe. */
    private static void table(Graphics2D g) {
        Path2D.Double top = new Path2D.Double();
        top.moveTo(-40, 1420);
        top.quadTo(540, 1240, W + 40, 1420);
        top.lineTo(W + 40, H + 10);
        top.lineTo(-40, H + 10);
        top.closePath();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 1280), new Point2D.Double(0, H), new float[] {0f, 0.5f, 1f},
                new Color[] {rgb(0x5A1440), rgb(0x3A0A2A), rgb(0x16030E)}));
        g.fill(top);
        g.setStroke(new BasicStroke(3));
        for (double x = -20; x < W + 20; x += 11) {
            double y = 1820 + 10 * StrictMath.sin(x / 90);
            g.setColor(rgba(0xD8A848, 0.55 + 0.25 * StrictMath.sin(x / 7)));
            g.draw(new Line2D.Double(x, y, x + 2, y + 60));
        }
        g.setStroke(new BasicStroke(9));
        g.setColor(rgb(0xB4862E));
        g.draw(new Line2D.Double(-20, 1818, W + 20, 1818));
    }

    /** A tarot card lying on the cloth, face down: a gold border and a sun. */
    private static void card(Graphics2D g, double x, double y, double angle, int design) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(angle);
        g.setColor(rgba(0x000000, 0.35));
        g.fill(new RoundRectangle2D.Double(-92, -148, 196, 310, 18, 18));
        g.setColor(rgb(design == 0 ? 0x1F1446 : 0x3C0E22));
        g.fill(new RoundRectangle2D.Double(-98, -156, 196, 310, 18, 18));
        g.setStroke(new BasicStroke(5));
        g.setColor(rgb(0xC9A04A));
        g.draw(new RoundRectangle2D.Double(-84, -142, 168, 282, 12, 12));
        g.setStroke(new BasicStroke(3));
        for (int i = 0; i < 12; i++) {
            double a = i * StrictMath.PI / 6;
            g.draw(new Line2D.Double(34 * StrictMath.cos(a), -2 + 34 * StrictMath.sin(a), 58 * StrictMath.cos(a), -2 + 58 * StrictMath.sin(a)));
        }
        g.fill(new Ellipse2D.Double(-26, -28, 52, 52));
        g.setTransform(saved);
    }

    /**
     * A candle standing on the cloth at ({@code x}, {@code base}) with its flame at the top at
     * time {@code t}; scale {@code s} makes it a close-up, {@code seed} gives it its own drips and
     * flicker. {@code life} (1 burning, 0 out) shrinks the flame; from {@code smokeAge} 0 on, a
     * wisp of smoke rises from the wick.
     */
    private static void candle(Graphics2D g, double x, double base, double height, double s, double t, int seed,
                               double life, double smokeAge) {
        double wax = 46 * s;
        double topY = base - height;
        double cx = x + wax;
        // wax body with drips
        g.setPaint(new LinearGradientPaint(new Point2D.Double(x, 0), new Point2D.Double(x + 2 * wax, 0), new float[] {0f, 0.4f, 1f},
                new Color[] {rgb(0x8A7458), rgb(0xEAD9B6), rgb(0x6A5640)}));
        g.fill(new Rectangle2D.Double(x, topY, 2 * wax, height));
        g.fill(new Ellipse2D.Double(x, topY - 10 * s, 2 * wax, 20 * s));
        // a brass dish under it
        g.setPaint(new LinearGradientPaint(new Point2D.Double(x - 30 * s, 0), new Point2D.Double(x + 2 * wax + 30 * s, 0),
                new float[] {0f, 0.45f, 1f}, new Color[] {rgb(0x4A3010), rgb(0xC89A48), rgb(0x3A2408)}));
        g.fill(new Ellipse2D.Double(x - 30 * s, base - 14 * s, 2 * wax + 60 * s, 28 * s));
        SplittableRandom rng = new SplittableRandom(100 + seed);
        g.setColor(rgb(0xE6D3AC));
        for (int i = 0; i < 3; i++) {
            double dx = x + (0.2 + 0.6 * rng.nextDouble()) * 2 * wax;
            double len = (30 + 70 * rng.nextDouble()) * s;
            g.fill(new RoundRectangle2D.Double(dx - 6 * s, topY - 4 * s, 12 * s, len, 12 * s, 12 * s));
        }
        // wick
        g.setStroke(new BasicStroke((float) (4 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(rgb(0x1A1010));
        g.draw(new Line2D.Double(cx, topY - 4 * s, cx + 2 * s, topY - 24 * s));

        double f = flicker(t, seed * 1.7);
        double tall = 86 * s * f * life;
        double sway = 7 * s * StrictMath.sin(6.1 * t + seed) + 4 * s * StrictMath.sin(15.3 * t + 2 * seed);
        double fy = topY - 20 * s;
        if (life > 0.02) {
            Canvas.glow(g, cx, fy - tall * 0.4, 260 * s * (0.8 + 0.2 * life), rgba(0xFFB050, 0.45 * life * f));
            flame(g, cx, fy, tall, 17 * s * (0.6 + 0.4 * life), sway);
        }
        if (smokeAge > 0) {
            smoke(g, cx + 2 * s, topY - 24 * s, smokeAge, s);
        }
    }

    /** A teardrop flame: a blue root, a white-yellow core and an orange edge; its tip leans by {@code sway}. */
    private static void flame(Graphics2D g, double x, double y, double tall, double half, double sway) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x, y + half * 0.6);
        p.curveTo(x - half * 1.3, y, x - half * 0.8, y - tall * 0.5, x + sway, y - tall);
        p.curveTo(x + half * 0.8, y - tall * 0.5, x + half * 1.3, y, x, y + half * 0.6);
        p.closePath();
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x, y - tall * 0.25), (float) (tall * 0.75 + 1),
                new float[] {0f, 0.35f, 0.75f, 1f},
                new Color[] {rgb(0xFFFDF0), rgb(0xFFE890), rgb(0xFF9830), rgba(0xE05010, 0.4)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(p);
        Canvas.glow(g, x, y + half * 0.1, half * 0.9, rgba(0x4060FF, 0.55));
    }

    /** A thin wisp of smoke rising {@code age} seconds after the flame went out. */
    private static void smoke(Graphics2D g, double x, double y, double age, double s) {
        Path2D.Double wisp = new Path2D.Double();
        wisp.moveTo(x, y);
        double rise = StrictMath.min(1, age / 0.7) * 700 * s / 2.2;
        for (int i = 1; i <= 30; i++) {
            double k = i / 30.0;
            double yy = y - rise * k;
            double xx = x + 30 * s * k * StrictMath.sin(k * 7 - age * 5);
            wisp.lineTo(xx, yy);
        }
        double fade = Canvas.clamp(1 - (age - 0.4) / 0.6);
        g.setStroke(new BasicStroke((float) (5 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setPaint(new LinearGradientPaint(new Point2D.Double(x, y), new Point2D.Double(x, y - rise - 1), new float[] {0f, 1f},
                new Color[] {rgba(0xC8C0D0, 0.6 * fade), rgba(0xC8C0D0, 0)}));
        g.draw(wisp);
        Canvas.glow(g, x, y, 14 * s, rgba(0xFF5020, 0.8 * Canvas.clamp(1 - age / 0.5)));   // the ember on the wick
    }

    /**
     * The crystal ball at ({@code x}, {@code y}) with radius {@code r} on a brass stand; the smoke
     * inside turns slowly with {@code t}.
     */
    private static void ball(Graphics2D g, double x, double y, double r, double t) {
        // brass stand
        Path2D.Double stand = new Path2D.Double();
        stand.moveTo(x - r * 0.55, y + r * 0.8);
        stand.lineTo(x + r * 0.55, y + r * 0.8);
        stand.lineTo(x + r * 0.75, y + r * 1.28);
        stand.lineTo(x - r * 0.75, y + r * 1.28);
        stand.closePath();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(x - r, 0), new Point2D.Double(x + r, 0), new float[] {0f, 0.45f, 1f},
                new Color[] {rgb(0x4A3010), rgb(0xD8AA50), rgb(0x3A2408)}));
        g.fill(stand);
        g.fill(new Ellipse2D.Double(x - r * 0.78, y + r * 1.2, r * 1.56, r * 0.2));
        Canvas.glow(g, x, y, r * 1.7, rgba(0xA060FF, 0.35));
        // the glass
        Ellipse2D.Double glass = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x, y + r * 0.15), (float) r, new float[] {0f, 0.45f, 0.85f, 1f},
                new Color[] {rgb(0xD8C0FF), rgb(0x8A58D0), rgb(0x3A1670), rgb(0x1E0A40)}, MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(glass);
        Shape clip = g.getClip();
        g.clip(glass);
        SplittableRandom rng = new SplittableRandom(87);
        for (int i = 0; i < 9; i++) {
            double a0 = rng.nextDouble() * 2 * StrictMath.PI + t * (0.4 + 0.3 * rng.nextDouble());
            double rr = r * (0.2 + 0.6 * rng.nextDouble());
            Path2D.Double swirl = new Path2D.Double();
            for (int k = 0; k <= 40; k++) {
                double a = a0 + k * 0.11;
                double rad = rr * (1 - k / 80.0);
                double px = x + rad * StrictMath.cos(a) * 1.1;
                double py = y + rad * StrictMath.sin(a) * 0.7 + 20 * StrictMath.sin(k * 0.3 + i);
                if (k == 0) {
                    swirl.moveTo(px, py);
                } else {
                    swirl.lineTo(px, py);
                }
            }
            g.setStroke(new BasicStroke((float) (r * (0.05 + 0.08 * rng.nextDouble())), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(rgba(i % 3 == 0 ? 0xFFFFFF : 0xE0C8FF, 0.12 + 0.12 * rng.nextDouble()));
            g.draw(swirl);
        }
        Canvas.glow(g, x, y + r * 0.1, r * 0.45, rgba(0xFFFFFF, 0.45));
        g.setClip(clip);
        // highlights: a soft window on the upper left and a bright point
        g.setColor(rgba(0xFFFFFF, 0.28));
        g.fill(new Arc2D.Double(x - r * 0.82, y - r * 0.82, r * 1.3, r * 1.3, 100, 70, Arc2D.CHORD));
        Canvas.disc(g, x - r * 0.42, y - r * 0.5, r * 0.06, rgba(0xFFFFFF, 0.85));
        g.setStroke(new BasicStroke((float) (r * 0.02)));
        g.setColor(rgba(0xE8D8FF, 0.5));
        g.draw(glass);
    }
}
