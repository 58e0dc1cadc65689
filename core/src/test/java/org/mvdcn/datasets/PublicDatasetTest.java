package org.mvdcn.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.ManifestRow;
import org.mvdcn.data.Split;

/** Each adapter on a few rows written in its dataset's published column layout, with empty image files. */
class PublicDatasetTest {

    @TempDir
    Path root;

    private void write(String file, String... lines) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n");
    }

    private void touch(String... files) throws IOException {
        for (String f : files) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.write(root.resolve(f), new byte[0]);
        }
    }

    private Result build(String dataset) throws IOException {
        ManifestDraft draft = new ManifestDraft(root.resolve("manifest.csv"));
        PublicDataset.named(dataset).read(root, draft);
        String summary = draft.write();
        return new Result(draft.rows(), summary, Manifest.load(root.resolve("manifest.csv"), false));
    }

    record Result(List<ManifestRow> rows, String summary, Manifest manifest) {
        Map<String, Integer> labels() {
            return manifest.exams().stream().collect(Collectors.toMap(e -> e.examId(), e -> e.label() == null ? -1 : e.label(),
                    (a, b) -> a, TreeMap::new));
        }
    }

    private static String[] fourViews(String prefix) {
        return new String[] {prefix + "L_CC", prefix + "L_MLO", prefix + "R_CC", prefix + "R_MLO"};
    }

    @Test
    void rsnaCombinesTheBreastsAndLeavesExamsWithoutBiradsUnlabelled() throws IOException {
        write("train.csv", "site_id,patient_id,image_id,laterality,view,age,cancer,biopsy,invasive,BIRADS,implant,density,machine_id,"
                + "difficult_negative_case",
                "2,10006,462822612,L,CC,61.0,0,0,0,1.0,0,,29,False",
                "2,10006,1459541791,L,MLO,61.0,0,0,0,1.0,0,,29,False",
                "2,10006,1864590858,R,MLO,61.0,0,0,0,0.0,0,,29,False",
                "2,10006,1874946579,R,CC,61.0,0,0,0,0.0,0,,29,False",
                "2,10011,220375232,L,CC,55.0,0,0,0,2.0,0,,21,False",
                "2,10011,270344397,L,MLO,55.0,0,0,0,2.0,0,,21,False",
                "2,10011,541722628,R,CC,55.0,0,0,0,1.0,0,,21,False",
                "2,10011,1031443799,R,MLO,55.0,0,0,0,1.0,0,,21,False",
                "2,10011,1031443800,R,AT,55.0,0,0,0,1.0,0,,21,False",
                "1,10025,562340703,L,CC,43.0,0,0,0,,0,A,21,False",
                "1,10025,1365269360,L,MLO,43.0,0,0,0,,0,A,21,False",
                "1,10025,288394860,R,CC,43.0,0,0,0,1.0,0,A,21,False",
                "1,10025,1351088028,R,MLO,43.0,0,0,0,1.0,0,A,21,False");
        touch("train_images/10006/462822612.dcm", "train_images/10006/1459541791.dcm", "train_images/10006/1864590858.dcm",
                "train_images/10006/1874946579.dcm", "train_images/10011/220375232.dcm", "train_images/10011/270344397.dcm",
                "train_images/10011/541722628.dcm", "train_images/10011/1031443799.dcm", "train_images/10011/1031443800.dcm",
                "train_images/10025/562340703.dcm", "train_images/10025/1365269360.dcm", "train_images/10025/288394860.dcm",
                "train_images/10025/1351088028.dcm");
        Result r = build("rsna");
        // 10006: breasts 1 and 0 -> 0; 10011: 2 and 1 -> 2; 10025: one breast without BIRADS -> unlabelled
        assertThat(r.labels()).containsExactly(Map.entry("10006", 0), Map.entry("10011", 2), Map.entry("10025", -1));
        assertThat(r.rows()).hasSize(12);
        assertThat(r.summary()).contains("dropped 1").contains("view R AT: not one of L/R CC/MLO").contains("label mapping:");
    }

    @Test
    void vindrMapsBreastBiradsAndKeepsThePublishedTestSplit() throws IOException {
        write("breast-level_annotations.csv", "study_id,series_id,image_id,laterality,view_position,height,width,breast_birads,"
                + "breast_density,split",
                "s1,x1,a,L,CC,3518,2800,BI-RADS 1,DENSITY C,training", "s1,x1,b,L,MLO,3518,2800,BI-RADS 1,DENSITY C,training",
                "s1,x2,c,R,CC,3518,2800,BI-RADS 2,DENSITY C,training", "s1,x2,d,R,MLO,3518,2800,BI-RADS 2,DENSITY C,training",
                "s2,x3,e,L,CC,3518,2800,BI-RADS 1,DENSITY B,test", "s2,x3,f,L,MLO,3518,2800,BI-RADS 1,DENSITY B,test",
                "s2,x4,g,R,CC,3518,2800,BI-RADS 1,DENSITY B,test", "s2,x4,h,R,MLO,3518,2800,BI-RADS 1,DENSITY B,test",
                "s3,x5,i,L,CC,3518,2800,BI-RADS 4,DENSITY B,training", "s3,x5,j,L,MLO,3518,2800,BI-RADS 4,DENSITY B,training",
                "s3,x6,k,R,CC,3518,2800,BI-RADS 1,DENSITY B,training", "s3,x6,l,R,MLO,3518,2800,BI-RADS 1,DENSITY B,training");
        for (String s : new String[] {"s1/a", "s1/b", "s1/c", "s1/d", "s2/e", "s2/f", "s2/g", "s2/h", "s3/i", "s3/j", "s3/k", "s3/l"}) {
            touch("images/" + s + ".dicom");
        }
        Result r = build("vindr");
        assertThat(r.labels()).containsExactly(Map.entry("s1", 2), Map.entry("s2", 1));
        assertThat(r.rows()).filteredOn(row -> row.examId().equals("s2")).allMatch(row -> row.split() == Split.TEST);
        assertThat(r.rows()).filteredOn(row -> row.examId().equals("s1")).allMatch(row -> row.split() == Split.TRAIN);
        assertThat(r.summary()).contains("4  exam with BI-RADS 4 (diagnostic category, outside 0/1/2) (images)");
    }

    @Test
    void embedMapsAssesLettersAndKeepsScreening2dImages() throws IOException {
        write("tables/EMBED_OpenData_clinical.csv", "empi_anon,acc_anon,study_date_anon,desc,numfind,side,asses,tissueden,bside,path_severity",
                "11,101,2014-05-02,MG Screening Bilateral,1,B,N,2,,",
                "12,102,2015-07-09,MG Screen Bilat w/ Tomo,1,L,A,3,,",
                "12,102,2015-07-09,MG Screen Bilat w/ Tomo,2,R,B,3,,",
                "13,103,2016-01-20,MG Diagnostic Left,1,L,S,3,L,2");
        String header = "empi_anon,acc_anon,study_date_anon,StudyDescription,SeriesDescription,FinalImageType,ImageLateralityFinal,"
                + "ViewPosition,spot_mag,anon_dicom_path,png_path";
        StringBuilder rows = new StringBuilder(header);
        for (String[] exam : new String[][] {{"11", "101", "2014-05-02"}, {"12", "102", "2015-07-09"}, {"13", "103", "2016-01-20"}}) {
            for (String v : new String[] {"L,CC", "L,MLO", "R,CC", "R,MLO"}) {
                String file = "/mnt/NAS2/mammo/anon_dicom/cohort_1/" + exam[0] + "/" + exam[1] + "/" + v.replace(",", "_") + ".dcm";
                rows.append("\n").append(String.join(",", exam)).append(",MG Screening,").append(v.replace(",", " ")).append(",2D,")
                        .append(v).append(",,").append(file).append(",");
                touch("images/cohort_1/" + exam[0] + "/" + exam[1] + "/" + v.replace(",", "_") + ".dcm");
            }
        }
        rows.append("\n12,102,2015-07-09,MG Screening,C-View,cview,L,CC,,/mnt/NAS2/mammo/anon_dicom/cohort_1/12/102/cv.dcm,");
        write("tables/EMBED_OpenData_metadata.csv", rows.toString());
        Result r = build("embed");
        assertThat(r.labels()).containsExactly(Map.entry("101", 1), Map.entry("102", 0));
        assertThat(r.summary()).contains("4  not a screening exam").contains("1  FinalImageType cview")
                .contains("asses A (additional evaluation) = BI-RADS 0");
        assertThat(r.manifest().exams()).filteredOn(e -> e.examId().equals("102")).singleElement()
                .satisfies(e -> assertThat(e.date()).hasToString("2015-07-09"));
    }

    @Test
    void embedRefusesAnUnknownAssessment() throws IOException {
        write("EMBED_OpenData_clinical.csv", "empi_anon,acc_anon,desc,side,asses", "11,101,MG Screening,B,Q");
        write("EMBED_OpenData_metadata.csv", "empi_anon,acc_anon,study_date_anon,FinalImageType,ImageLateralityFinal,ViewPosition,"
                + "anon_dicom_path");
        assertThatThrownBy(() -> build("embed")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("EMBED_OpenData_clinical.csv").hasMessageContaining("row 2: unknown asses 'Q'");
    }

    @Test
    void cbisDdsmTakesTheWorstAbnormalityAndFindsRenamedDownloadFolders() throws IOException {
        String mass = "patient_id,breast_density,left or right breast,image view,abnormality id,abnormality type,mass shape,"
                + "mass margins,assessment,pathology,subtlety,image file path,cropped image file path,ROI mask file path";
        String calc = "patient_id,breast density,left or right breast,image view,abnormality id,abnormality type,calc type,"
                + "calc distribution,assessment,pathology,subtlety,image file path,cropped image file path,ROI mask file path";
        StringBuilder m = new StringBuilder(mass);
        for (String v : new String[] {"LEFT,CC", "LEFT,MLO", "RIGHT,CC", "RIGHT,MLO"}) {
            String folder = "Mass-Training_P_00001_" + v.replace(",", "_");
            m.append("\nP_00001,3,").append(v).append(",1,mass,OVAL,CIRCUMSCRIBED,").append(v.startsWith("LEFT") ? "2" : "0")
                    .append(",BENIGN,4,").append(folder).append("/1.3.6.1.4.1.9590.100.1.2.1/1.3.6.1.4.1.9590.100.1.2.2/000000.dcm,x,y");
            // TCIA's download names the inner folders differently from the CSV
            touch(folder + "/07-20-2016-DDSM-74994/1.000000-full mammogram images-24515/1-1.dcm");
        }
        write("mass_case_description_train_set.csv", m.toString());
        write("calc_case_description_test_set.csv", calc,
                "P_00038,2,LEFT,CC,1,calcification,PLEOMORPHIC,CLUSTERED,4,MALIGNANT,3,Calc-Test_P_00038_LEFT_CC/a/b/000000.dcm,x,y");
        touch("Calc-Test_P_00038_LEFT_CC/a/b/000000.dcm");
        Result r = build("cbis-ddsm");
        assertThat(r.labels()).containsExactly(Map.entry("P_00001", 0));
        assertThat(r.rows()).hasSize(4).allMatch(row -> row.imagePath().endsWith("1-1.dcm"));
        assertThat(r.summary()).contains("1  exam with BI-RADS 4");
    }

    @Test
    void inbreastGroupsByTheHashInTheFileNameAndRefusesUnknownBirads() throws IOException {
        write("INbreast.csv", "Patient ID;Patient age;Laterality;View;Acquisition date;File Name;ACR;Bi-Rads",
                "removed;removed;R;CC;201001;22678622;4;1", "removed;removed;L;CC;201001;22678646;4;2",
                "removed;removed;R;MLO;201001;22678694;4;1", "removed;removed;L;MLO;201001;22678670;4;2",
                "removed;removed;L;CC;200906;20586908;2;4a");
        touch("AllDICOMs/22678622_4ab4ac4bd5f37c4f_MG_R_CC_ANON.dcm", "AllDICOMs/22678646_4ab4ac4bd5f37c4f_MG_L_CC_ANON.dcm",
                "AllDICOMs/22678694_4ab4ac4bd5f37c4f_MG_R_ML_ANON.dcm", "AllDICOMs/22678670_4ab4ac4bd5f37c4f_MG_L_ML_ANON.dcm",
                "AllDICOMs/20586908_6c613a14b80a8591_MG_L_CC_ANON.dcm");
        Result r = build("inbreast");
        assertThat(r.labels()).containsExactly(Map.entry("4ab4ac4bd5f37c4f-201001", 2));
        assertThat(r.rows()).allMatch(row -> row.patientId().equals("4ab4ac4bd5f37c4f"));
        assertThat(r.summary()).contains("1  exam with BI-RADS 4");

        write("INbreast.csv", "Patient ID;Patient age;Laterality;View;Acquisition date;File Name;ACR;Bi-Rads",
                "removed;removed;R;CC;201001;22678622;4;seven");
        assertThatThrownBy(() -> build("inbreast")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("INbreast.csv").hasMessageContaining("row 2: unknown BI-RADS 'seven' in column Bi-Rads");
    }

    @Test
    void aMissingColumnOrFileSaysWhich() throws IOException {
        write("train.csv", "patient_id,image_id,laterality,view", "1,2,L,CC");
        assertThatThrownBy(() -> build("rsna")).isInstanceOf(BadInputException.class).hasMessageContaining("missing column BIRADS");
        assertThatThrownBy(() -> build("vindr")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("breast-level_annotations.csv found");
        assertThatThrownBy(() -> PublicDataset.named("ddsm")).hasMessageContaining("unknown dataset 'ddsm'");
    }
}
