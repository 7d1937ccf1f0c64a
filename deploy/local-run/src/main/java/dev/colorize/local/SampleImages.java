package dev.colorize.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Images the local run needs, nothing from outside: the demo chapter (four pages of real OpenMoji line art by
 * authors the default model never trained on, shipped as resources with their attribution, CC BY-SA 4.0), and
 * images the project draws itself: cheap generated pages of outlined figures for runs that need many pages, and
 * color illustrations of the same shapes to bootstrap a model on when none is promoted yet.
 */
final class SampleImages {

    private static final Color[] PALETTE = {
        new Color(0xE0, 0x4B, 0x3A), new Color(0x3A, 0x7B, 0xD5), new Color(0x4C, 0xAF, 0x50),
        new Color(0xF2, 0xC1, 0x4E), new Color(0x9C, 0x5B, 0xC9), new Color(0xF4, 0x9A, 0xC1),
        new Color(0x8D, 0x6E, 0x63), new Color(0x26, 0xA6, 0x9A),
    };

    private static final int PAGE_WIDTH = 800;
    private static final int PAGE_HEIGHT = 1132;
    static final int DEMO_PAGES = 4;

    private SampleImages() {
    }

    /** The demo chapter's pages, page-1.png ... page-4.png, and its ATTRIBUTION.md, copied into {@code dir}. */
    static List<Path> demoChapter(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var attribution = resource("ATTRIBUTION.md")) {
            Files.copy(attribution, dir.resolve("ATTRIBUTION.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<Path> pages = new ArrayList<>();
        for (int n = 1; n <= DEMO_PAGES; n++) {
            Path file = dir.resolve("page-" + n + ".png");
            try (var in = resource("page-" + n + ".png")) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            pages.add(file);
        }
        return pages;
    }

    private static java.io.InputStream resource(String name) throws IOException {
        java.io.InputStream in = SampleImages.class.getResourceAsStream("/sample-chapter/" + name);
        if (in == null) {
            throw new IOException("the demo chapter's " + name + " is missing from the local-run jar");
        }
        return in;
    }

    /**
     * {@code count} generated PNG pages named page-1.png ..., scaled to {@code height} pixels high (aspect kept), for
     * runs that need many cheap pages; deterministic per page number.
     */
    static List<Path> chapter(Path dir, int count, int height) throws IOException {
        Files.createDirectories(dir);
        List<Path> pages = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            BufferedImage page = new BufferedImage(PAGE_WIDTH, PAGE_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = canvas(page, Color.WHITE);
            Random random = new Random(n);
            // a 2 x 3 panel grid with a few figures in each panel, outlines only
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 2; col++) {
                    Rectangle2D panel = new Rectangle2D.Double(40 + col * 370, 40 + row * 355, 350, 335);
                    figures(g, random, panel, null);
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(6));
                    g.draw(panel);
                }
            }
            g.dispose();
            Path file = dir.resolve("page-" + n + ".png");
            ImageIO.write(height == PAGE_HEIGHT ? page : scaled(page, height), "png", file.toFile());
            pages.add(file);
        }
        return pages;
    }

    /** {@code count} 256x256 color illustrations (filled, outlined shapes) as PNG files in {@code dir}. */
    static List<Path> illustrations(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        List<Path> images = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = canvas(image, new Color(250, 248, 240));
            figures(g, random, new Rectangle2D.Double(0, 0, 256, 256), PALETTE);
            g.dispose();
            Path file = dir.resolve(String.format("illustration-%04d.png", i));
            ImageIO.write(image, "png", file.toFile());
            images.add(file);
        }
        return images;
    }

    private static BufferedImage scaled(BufferedImage page, int height) {
        int width = Math.max(1, Math.round((float) page.getWidth() * height / page.getHeight()));
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(page, 0, 0, width, height, null);
        g.dispose();
        return small;
    }

    private static Graphics2D canvas(BufferedImage image, Color background) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /** Two to five shapes inside {@code area}; filled from {@code palette} (each kind its color) or left white. */
    private static void figures(Graphics2D g, Random random, Rectangle2D area, Color[] palette) {
        int count = 2 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            double size = area.getWidth() * (0.18 + random.nextDouble() * 0.3);
            double x = area.getX() + random.nextDouble() * (area.getWidth() - size);
            double y = area.getY() + random.nextDouble() * (area.getHeight() - size);
            int kind = random.nextInt(4);
            Shape shape = switch (kind) {
                case 0 -> new Ellipse2D.Double(x, y, size, size);
                case 1 -> new RoundRectangle2D.Double(x, y, size, size * 0.8, size / 4, size / 4);
                case 2 -> triangle(x, y, size);
                default -> new Ellipse2D.Double(x, y, size, size * 0.6);
            };
            g.setColor(palette == null ? Color.WHITE : palette[(kind * 2 + random.nextInt(2)) % palette.length]);
            g.fill(shape);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke((float) Math.max(2, size / 30)));
            g.draw(shape);
        }
    }

    private static Shape triangle(double x, double y, double size) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x + size / 2, y);
        p.lineTo(x + size, y + size);
        p.lineTo(x, y + size);
        p.closePath();
        return p;
    }
}
