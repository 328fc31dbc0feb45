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
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

/**
 * Linie 0's pictures: a Berlin tram stop at night in the snow, with a street clock just past
 * midnight, and an old tram whose lit windows pass the stop (a clip).
 */
final class TramArt {

    private static final double STREET = 1250;     // where the far pavement meets the road
    private static final double RAIL = 1560;       // the near rail, under the tram's wheels

    private TramArt() {
    }

    /** The empty stop: facades with a few lit windows, wires, a street lamp in the snow, the stop sign and the clock. */
    static void stop(Graphics2D g) {
        backdrop(g);
        lamp(g, 1.0);
        clock(g, 560, 1000, 0, 5);
        stopSign(g, 860);
        Canvas.snow(g, 201, 260, 0.85, 0.0);
        Canvas.vignette(g, 0.6);
    }

    /**
     * The tram clip: an old cream-and-yellow tram with a lit 0 on its sign glides past the stop
     * from left to right, its windows throwing light on the snow, and is gone by about 3.4 s.
     */
    static ClipWriter.Frames tramClip() {
        Layer back = new Layer(TramArt::backdrop);
        Layer front = new Layer(g -> {
            stopSign(g, 900);
            Canvas.vignette(g, 0.6);
        });
        return (g, t) -> {
            back.draw(g);
            double length = 2300;
            double travel = W + length + 500;
            double nose = -140 + travel * ease(t / 3.6);       // the front of the tram, moving right
            lamp(g, 1.0);
            tram(g, nose, length);
            Canvas.snow(g, 203, 110, 0.8, t * 0.22);
            front.draw(g);
        };
    }

    /** Starts at speed and slows a little as it goes: a tram leaving a stop it did not stop at. */
    private static double ease(double x) {
        double v = Canvas.clamp(x);
        return v * (1.15 - 0.15 * v);
    }

    /** Sky, facades, street, rails, wires: everything that stands still. */
    private static void backdrop(Graphics2D g) {
        Canvas.vertical(g, 0, 0, W, STREET, new float[] {0f, 0.6f, 1f}, rgb(0x04060E), rgb(0x0E1628), rgb(0x2A2A3A));
        Canvas.stars(g, 211, 40, 0, 500);
        facades(g);
        // the road, with snow trodden grey, and two pairs of rails
        Canvas.vertical(g, 0, STREET, W, H - STREET, new float[] {0f, 0.3f, 1f}, rgb(0x2A2E3A), rgb(0x1A1D26), rgb(0x0C0E14));
        Canvas.vertical(g, 0, STREET, W, 40, new float[] {0f, 1f}, rgb(0x8A90A0), rgb(0x3A3E4A));
        for (double y : new double[] {1370, 1400, RAIL - 26, RAIL}) {
            g.setStroke(new BasicStroke(y > 1500 ? 7 : 5));
            g.setColor(rgb(0x5A6070));
            g.draw(new Line2D.Double(0, y, W, y));
            g.setStroke(new BasicStroke(2));
            g.setColor(rgba(0xE8D8B0, 0.5));
            g.draw(new Line2D.Double(0, y - 2, W, y - 2));
        }
        // near pavement under fresh snow
        Path2D.Double snowbank = new Path2D.Double();
        snowbank.moveTo(0, 1690);
        snowbank.curveTo(300, 1670, 700, 1700, W, 1680);
        snowbank.lineTo(W, H);
        snowbank.lineTo(0, H);
        snowbank.closePath();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 1680), new Point2D.Double(0, H), new float[] {0f, 1f},
                new Color[] {rgb(0xB8C2D8), rgb(0x5A6680)}));
        g.fill(snowbank);
        // overhead wires and the span wire that holds them
        g.setStroke(new BasicStroke(3));
        g.setColor(rgba(0x0A0C12, 0.9));
        Path2D.Double wire = new Path2D.Double();
        wire.moveTo(0, 700);
        wire.quadTo(W / 2, 740, W, 700);
        g.draw(wire);
        Path2D.Double wire2 = new Path2D.Double();
        wire2.moveTo(0, 760);
        wire2.quadTo(W / 2, 800, W, 760);
        g.draw(wire2);
        g.setStroke(new BasicStroke(2));
        g.draw(new Line2D.Double(0, 640, W, 690));
    }

    /** A row of Berlin tenement fronts across the street: five storeys, a few windows still lit. */
    private static void facades(Graphics2D g) {
        SplittableRandom rng = new SplittableRandom(221);
        double x = -30;
        while (x < W) {
            double width = 230 + rng.nextDouble() * 120;
            double top = 560 + rng.nextDouble() * 140;
            Color wall = Canvas.mix(0x0C0F18, 0x1A1E2A, rng.nextDouble());
            g.setColor(wall);
            g.fill(new Rectangle2D.Double(x, top, width + 1, STREET - top));
            // cornice and a chimney
            g.setColor(Canvas.mix(0x0C0F18, 0x262A36, 0.6));
            g.fill(new Rectangle2D.Double(x - 6, top - 12, width + 12, 14));
            g.fill(new Rectangle2D.Double(x + width * (0.2 + 0.5 * rng.nextDouble()), top - 60, 34, 50));
            g.setColor(rgba(0xDDE4F0, 0.5));
            g.fill(new Rectangle2D.Double(x - 6, top - 18, width + 12, 7));        // snow on the cornice
            int columns = (int) (width / 70);
            double step = width / columns;
            for (double wy = top + 50; wy < STREET - 160; wy += 110) {
                for (int c = 0; c < columns; c++) {
                    double wx = x + c * step + step * 0.25;
                    boolean lit = rng.nextDouble() < 0.16;
                    if (lit) {
                        Canvas.glow(g, wx + step * 0.25, wy + 34, 60, rgba(0xFFC070, 0.25));
                    }
                    g.setColor(lit ? (rng.nextDouble() < 0.5 ? rgb(0xF0C070) : rgb(0xD89A50)) : rgb(0x080A10));
                    g.fill(new Rectangle2D.Double(wx, wy, step * 0.5, 68));
                }
            }
            // the shop at street level, shuttered
            g.setColor(rgb(0x07080C));
            g.fill(new Rectangle2D.Double(x + 20, STREET - 120, width - 40, 110));
            x += width;
        }
        // the city's glow low in the sky, seen through the gaps
        Canvas.vertical(g, 0, STREET - 300, W, 300, new float[] {0f, 1f}, rgba(0x604A50, 0), rgba(0x604A50, 0.22));
    }

    /** The street lamp on the left and the pool of light it throws on the snow. */
    private static void lamp(Graphics2D g, double on) {
        Path2D.Double cone = new Path2D.Double();
        cone.moveTo(360, 600);
        cone.lineTo(120, 1760);
        cone.lineTo(640, 1760);
        cone.closePath();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 600), new Point2D.Double(0, 1760), new float[] {0f, 1f},
                new Color[] {rgba(0xFFD8A0, 0.28 * on), rgba(0xFFD8A0, 0.05 * on)}));
        g.fill(cone);
        Canvas.glow(g, 380, 1740, 330, 70, rgba(0xFFE0B0, 0.45 * on));
        g.setStroke(new BasicStroke(16, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.setColor(rgb(0x0A0C10));
        Path2D.Double post = new Path2D.Double();
        post.moveTo(200, 1800);
        post.lineTo(200, 640);
        post.quadTo(200, 560, 290, 560);
        post.lineTo(350, 560);
        g.draw(post);
        Path2D.Double shade = new Path2D.Double();
        shade.moveTo(320, 560);
        shade.lineTo(400, 560);
        shade.lineTo(420, 600);
        shade.lineTo(300, 600);
        shade.closePath();
        g.fill(shade);
        Canvas.glow(g, 360, 605, 170, rgba(0xFFE6B8, 0.6 * on));
        Canvas.disc(g, 360, 604, 12, rgb(0xFFF4DC));
    }

    /** A Berlin street clock on its post, face lit, showing {@code hours}:{@code minutes}. */
    private static void clock(Graphics2D g, double x, double y, int hours, int minutes) {
        double r = 92;
        g.setColor(rgb(0x101318));
        g.fill(new Rectangle2D.Double(x - 9, y + r - 6, 18, 1720 - y - r));
        g.fill(new Rectangle2D.Double(x - 26, 1690, 52, 40));
        Canvas.glow(g, x, y, r * 2.2, rgba(0xE8F0FF, 0.25));
        Canvas.disc(g, x, y, r + 12, rgb(0x15181E));
        Canvas.disc(g, x, y, r, rgb(0xE8E4D6));
        g.setColor(rgb(0x1A1A1A));
        for (int i = 0; i < 60; i++) {
            double a = i * StrictMath.PI / 30;
            double inner = i % 5 == 0 ? r * 0.78 : r * 0.88;
            g.setStroke(new BasicStroke(i % 5 == 0 ? 6 : 2));
            g.draw(new Line2D.Double(x + inner * StrictMath.sin(a), y - inner * StrictMath.cos(a),
                    x + r * 0.94 * StrictMath.sin(a), y - r * 0.94 * StrictMath.cos(a)));
        }
        double minuteAngle = minutes * StrictMath.PI / 30;
        double hourAngle = (hours % 12 + minutes / 60.0) * StrictMath.PI / 6;
        g.setStroke(new BasicStroke(9, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x, y, x + r * 0.5 * StrictMath.sin(hourAngle), y - r * 0.5 * StrictMath.cos(hourAngle)));
        g.setStroke(new BasicStroke(6, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x, y, x + r * 0.8 * StrictMath.sin(minuteAngle), y - r * 0.8 * StrictMath.cos(minuteAngle)));
        Canvas.disc(g, x, y, 8, rgb(0x1A1A1A));
        // snow on the clock's top
        g.setColor(rgb(0xE6ECF6));
        g.fill(new Ellipse2D.Double(x - 70, y - r - 26, 140, 30));
    }

    /** The stop's post with the round yellow-and-green H sign and a timetable case. */
    private static void stopSign(Graphics2D g, double x) {
        g.setColor(rgb(0x0E1014));
        g.fill(new Rectangle2D.Double(x - 10, 880, 20, 960));
        double y = 860;
        double r = 82;
        Canvas.disc(g, x, y, r + 10, rgb(0x1A6A3A));
        Canvas.disc(g, x, y, r, rgb(0xF2C21C));
        g.setColor(rgb(0x1A6A3A));
        g.fill(new Rectangle2D.Double(x - 42, y - 50, 20, 100));
        g.fill(new Rectangle2D.Double(x + 22, y - 50, 20, 100));
        g.fill(new Rectangle2D.Double(x - 30, y - 10, 60, 20));
        g.setColor(rgb(0xE6ECF6));
        g.fill(new Ellipse2D.Double(x - 60, y - r - 22, 120, 26));
        // the timetable, lit from inside
        Canvas.glow(g, x, 1170, 150, rgba(0xD8E8FF, 0.25));
        g.setColor(rgb(0x1A1E26));
        g.fill(new RoundRectangle2D.Double(x - 70, 1060, 140, 220, 10, 10));
        g.setColor(rgb(0xDCE6F0));
        g.fill(new Rectangle2D.Double(x - 58, 1074, 116, 192));
        g.setColor(rgba(0x303848, 0.7));
        for (double ly = 1092; ly < 1250; ly += 16) {
            g.fill(new Rectangle2D.Double(x - 46, ly, 60 + ((int) ly * 7 % 30), 5));
        }
    }

    /** The tram, side on, its front at {@code nose} (moving right), {@code length} long, in two cars. */
    private static void tram(Graphics2D g, double nose, double length) {
        double top = 1020;
        double bottom = RAIL - 40;
        double tail = nose - length;
        if (nose < -200 || tail > W + 200) {
            return;
        }
        // light from the windows lying on the snow and the road
        for (double wx = tail + 120; wx < nose - 100; wx += 170) {
            Canvas.glow(g, wx + 60, bottom + 120, 140, 40, rgba(0xFFC878, 0.35));
        }
        double gap = 40;
        double car = (length - gap) / 2;
        car(g, nose - car, nose, top, bottom, true);
        car(g, tail, tail + car, top, bottom, false);
        g.setColor(rgb(0x101010));
        g.fill(new Rectangle2D.Double(tail + car, top + 120, gap, bottom - top - 160));     // the bellows
        // trolley pole to the wire
        g.setStroke(new BasicStroke(6));
        g.setColor(rgb(0x15171C));
        g.draw(new Line2D.Double(nose - car * 0.5, top - 10, nose - car * 0.5 - 260, 768));
        Canvas.glow(g, nose - car * 0.5 - 260, 768, 24, rgba(0xB8D8FF, 0.8));
        // headlight at the front, tail light at the back
        Canvas.glow(g, nose + 10, bottom - 70, 180, rgba(0xFFF0C8, 0.7));
        Canvas.disc(g, nose - 6, bottom - 70, 16, rgb(0xFFFBEA));
        Canvas.glow(g, tail - 4, bottom - 70, 90, rgba(0xFF2A20, 0.7));
        Canvas.disc(g, tail + 6, bottom - 70, 12, rgb(0xFF4A3A));
    }

    /** One car: a cream upper body, a yellow lower body, lit windows with warm light, wheels; the front car carries the 0. */
    private static void car(Graphics2D g, double x0, double x1, double top, double bottom, boolean front) {
        RoundRectangle2D.Double body = new RoundRectangle2D.Double(x0, top, x1 - x0, bottom - top, 60, 60);
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, top), new Point2D.Double(0, bottom), new float[] {0f, 1f},
                new Color[] {rgb(0xBDB294), rgb(0x8C8470)}));
        g.fill(body);
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, top + 250), new Point2D.Double(0, bottom), new float[] {0f, 1f},
                new Color[] {rgb(0xC8921A), rgb(0x6E500E)}));
        g.fill(new Rectangle2D.Double(x0, top + 250, x1 - x0, bottom - top - 260));
        g.setColor(rgb(0x6A4A10));
        g.fill(new Rectangle2D.Double(x0, top + 240, x1 - x0, 10));
        // windows
        for (double wx = x0 + 70; wx + 120 < x1 - 40; wx += 170) {
            g.setColor(rgb(0xFFD890));
            g.fill(new RoundRectangle2D.Double(wx, top + 60, 124, 160, 18, 18));
            g.setColor(rgba(0xFFF2D0, 0.8));
            g.fill(new Rectangle2D.Double(wx + 8, top + 64, 108, 10));
            // an empty seat back in every window
            g.setColor(rgba(0x7A4A20, 0.7));
            g.fill(new RoundRectangle2D.Double(wx + 40, top + 150, 44, 70, 12, 12));
        }
        // the roof and its shadow line
        g.setColor(rgb(0x5A5A58));
        g.fill(new RoundRectangle2D.Double(x0 + 20, top - 20, x1 - x0 - 40, 30, 20, 20));
        // wheels
        g.setColor(rgb(0x121212));
        for (double wx : new double[] {x0 + 170, x0 + 300, x1 - 300, x1 - 170}) {
            g.fill(new Ellipse2D.Double(wx - 50, bottom - 40, 100, 100));
        }
        g.fill(new Rectangle2D.Double(x0 + 100, bottom - 10, x1 - x0 - 200, 30));
        if (front) {
            // the destination sign: a lit box with a single 0
            double sx = x1 - 210;
            g.setColor(rgb(0x15120A));
            g.fill(new RoundRectangle2D.Double(sx, top + 8, 160, 48, 10, 10));
            Canvas.glow(g, sx + 80, top + 32, 70, rgba(0xFFE8A0, 0.6));
            g.setStroke(new BasicStroke(7));
            g.setColor(rgb(0xFFF0B8));
            g.draw(new Ellipse2D.Double(sx + 64, top + 14, 32, 36));
        }
    }
}
