package io.branchline.renderer.provenance;

import java.util.UUID;

/** The names C2PA gives things: JUMBF types, labels and the IPTC digital source types. */
public final class C2pa {

    /** The {@code uuid} box user type of a C2PA manifest store in ISO BMFF. */
    public static final UUID BOX_USER_TYPE = UUID.fromString("d8fec3d6-1b0e-483c-9297-5828877ec481");

    public static final UUID STORE = jumbfType("c2pa");
    public static final UUID MANIFEST = jumbfType("c2ma");
    public static final UUID ASSERTIONS = jumbfType("c2as");
    public static final UUID CLAIM = jumbfType("c2cl");
    public static final UUID SIGNATURE = jumbfType("c2cs");
    public static final UUID CBOR_ASSERTION = jumbfType("cbor");

    public static final String STORE_LABEL = "c2pa";
    public static final String ASSERTIONS_LABEL = "c2pa.assertions";
    public static final String CLAIM_LABEL = "c2pa.claim.v2";
    public static final String SIGNATURE_LABEL = "c2pa.signature";

    public static final String ACTIONS = "c2pa.actions.v2";
    public static final String BMFF_HASH = "c2pa.hash.bmff.v3";
    public static final String LIVE_VIDEO_SEGMENT = "c2pa.livevideo.segment";
    /** Branchline's own assertions: the stream (in the init segment) and the visit a segment belongs to. */
    public static final String STREAM = "io.branchline.stream";
    public static final String VISIT = "io.branchline.visit";

    private static final String IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";
    /** Made by a generative model from a prompt. */
    public static final String TRAINED_ALGORITHMIC_MEDIA = IPTC + "trainedAlgorithmicMedia";
    /** Generated footage mixed with footage made otherwise. */
    public static final String COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = IPTC + "compositeWithTrainedAlgorithmicMedia";
    /** Made by people with software (title cards, colours) or brought in as it was (clips, images). */
    public static final String DIGITAL_CREATION = IPTC + "digitalCreation";
    public static final String COMPOSITE = IPTC + "composite";

    private C2pa() {
    }

    /** The JUMBF type UUID C2PA derives from a four-letter code. */
    private static UUID jumbfType(String code) {
        long high = 0;
        for (char c : code.toCharArray()) {
            high = (high << 8) | c;
        }
        return new UUID((high << 32) | 0x0011_0010L, 0x8000_00AA_0038_9B71L);
    }
}
