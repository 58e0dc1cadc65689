package org.mvdcn.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import org.mvdcn.BadInputException;

/**
 * The VOI transform of PS3.3 C.11.2: the file's first VOI LUT if it has one, else its first
 * window with the LINEAR function (C.11.2.1.2.1). Written here because PixelMed applies VOI
 * only inside its display classes, to 8-bit output.
 */
abstract class VoiTransform {

    /** Transforms {@code values} in place; returns the output range {min, max}. */
    abstract float[] apply(float[] values);

    static VoiTransform of(Path file, AttributeList a) {
        Attribute seq = a.get(TagFromName.VOILUTSequence);
        if (seq instanceof SequenceAttribute s && s.getNumberOfItems() > 0) {
            return lut(file, s.getItem(0).getAttributeList(),
                    Attribute.getSingleIntegerValueOrDefault(a, TagFromName.PixelRepresentation, 0) == 1);
        }
        double[] centre = Attribute.getDoubleValues(a, TagFromName.WindowCenter);
        double[] width = Attribute.getDoubleValues(a, TagFromName.WindowWidth);
        if (centre == null || width == null || centre.length == 0 || width.length == 0) {
            throw new BadInputException(file, "a VOI transform was asked for, but the file has neither a VOI LUT nor a window");
        }
        if (width[0] < 1) {
            throw new BadInputException(file, "window width " + width[0] + " is below 1 (PS3.3 C.11.2.1.2)");
        }
        return window(centre[0], width[0]);
    }

    static VoiTransform window(double c, double w) {
        return new VoiTransform() {
            @Override
            float[] apply(float[] values) {
                double low = c - 0.5 - (w - 1) / 2;
                double high = c - 0.5 + (w - 1) / 2;
                for (int i = 0; i < values.length; i++) {
                    double x = values[i];
                    values[i] = x <= low ? 0f : x > high ? 1f : (float) ((x - (c - 0.5)) / (w - 1) + 0.5);
                }
                return new float[] {0f, 1f};
            }
        };
    }

    private static VoiTransform lut(Path file, AttributeList item, boolean signedPixels) {
        int[] descriptor = Attribute.getIntegerValues(item, TagFromName.LUTDescriptor);
        Attribute data = item.get(TagFromName.LUTData);
        if (descriptor == null || descriptor.length != 3 || data == null) {
            throw new BadInputException(file, "VOI LUT without a three-value LUTDescriptor and LUTData");
        }
        int entries = descriptor[0] == 0 ? 65536 : descriptor[0];
        // the first mapped value is US or SS by the image's pixel representation; as read it is unsigned 16-bit
        int first = signedPixels && descriptor[1] > 32767 ? descriptor[1] - 65536 : descriptor[1];
        int[] table;
        try {
            short[] shorts = data.getShortValues();
            table = new int[entries];
            for (int i = 0; i < entries; i++) {
                table[i] = shorts[Math.min(i, shorts.length - 1)] & 0xffff;
            }
        } catch (DicomException e) {
            throw new BadInputException(file, "unreadable VOI LUT data (" + e.getMessage() + ")", e);
        }
        int outMax = (1 << descriptor[2]) - 1;
        return new VoiTransform() {
            @Override
            float[] apply(float[] values) {
                for (int i = 0; i < values.length; i++) {
                    int index = Math.max(0, Math.min(entries - 1, Math.round(values[i]) - first));
                    values[i] = table[index];
                }
                return new float[] {0f, outMax};
            }
        };
    }
}
