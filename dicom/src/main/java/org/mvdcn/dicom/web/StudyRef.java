package org.mvdcn.dicom.web;

/**
 * A study as a DICOMweb server lists it (QIDO-RS). Values are as the server sent them, empty when
 * it sent none; the study date is a DICOM DA (yyyyMMdd).
 */
public record StudyRef(String studyInstanceUid, String accessionNumber, String studyDate) {}
