package org.mvdcn.dicom.results;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A band above an image saying it is not for diagnostic use, burned into the pixels: a warning
 * in an attribute is lost on any viewer that does not show it, one in the pixels never is.
 */
final class NotForDiagnosticUseBanner {

    static final String TEXT = "NOT FOR DIAGNOSTIC USE";
    static final Color BACKGROUND = new Color(0xB0, 0x00, 0x00);

    private NotForDiagnosticUseBanner() {}

    /** The band's height for an image this wide: readable on a small panel, in proportion on a large one. */
    static int height(int width) {
        return Math.max(32, width / 20);
    }

    /** A new RGB image: the band, then {@code image} below it unchanged. */
    static BufferedImage above(BufferedImage image) {
        int band = height(image.getWidth());
        BufferedImage out = new BufferedImage(image.getWidth(), band + image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, band, null);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), band);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, band * 3 / 5);
            FontMetrics m = g.getFontMetrics(font);
            int room = image.getWidth() - 8;
            if (m.stringWidth(TEXT) > room) {
                font = font.deriveFont(font.getSize2D() * room / m.stringWidth(TEXT));
                m = g.getFontMetrics(font);
            }
            g.setFont(font);
            g.setColor(Color.WHITE);
            g.drawString(TEXT, (image.getWidth() - m.stringWidth(TEXT)) / 2, (band - m.getHeight()) / 2 + m.getAscent());
        } finally {
            g.dispose();
        }
        return out;
    }
}
