package org.mvdcn.preprocess;

/**
 * Where a crop sits in its (oriented) image: top-left corner and size, in image pixels. Parts
 * outside the image are padding. Together with the view's mirroring this is everything needed to
 * map a crop's pixels back to the file's pixels.
 */
public record CropWindow(int top, int left, int height, int width) {}
