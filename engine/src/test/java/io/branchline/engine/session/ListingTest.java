package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a session's playlists promise: a short horizon, only stored segments, never a change. */
class ListingTest {

    private static final RenderFormat FORMAT = new RenderFormat(240, 426, 30, 1000);

    private static Listing.VisitMedia visit(long start, long end, int frames, int ready) {
        return new Listing.VisitMedia(start, end, frames, (frames + 29) / 30, ready, true);
    }

    @Test
    void listsTwoSegmentsAheadOfThePlayerAndOnlyWhatIsStored() {
        Listing listing = new Listing(FORMAT);
        List<Listing.VisitMedia> timeline = List.of(visit(0, 5000, 150, 5));
        assertEquals(2, listing.advance(timeline, 0), "0-0 and 0-1: a live edge that is the beginning");
        assertEquals(2000, listing.endMs());
        assertEquals(2, listing.advance(timeline, 1200), "segments starting before 3.2 s");
        assertEquals(0, listing.advance(List.of(visit(0, 5000, 150, 4)), 4000), "segment 4 is not stored yet");
        assertEquals(1, listing.advance(timeline, 4000));
        assertEquals(0, listing.advance(timeline, 9000), "nothing past the timeline: the next scene is not decided");
        assertTrue(listing.listedAll(timeline));
    }

    @Test
    void aVisitCutShortAfterWhatWasListedEndsWhereItWasCut() {
        Listing listing = new Listing(FORMAT);
        listing.advance(List.of(visit(0, 5000, 150, 5)), 0);
        assertEquals(2000, listing.endMs(), "listed to 2 s");
        // A cut after the listed end (as Session takes it): the visit now ends at 3 s, the next starts there.
        List<Listing.VisitMedia> cut = List.of(visit(0, 3000, 150, 5), visit(3000, 5000, 60, 2));
        listing.advance(cut, 2500);
        List<Listing.Listed> listed = listing.listed();
        assertEquals(List.of("0-0", "0-1", "0-2", "1-0", "1-1"), listed.stream().map(l -> l.visit() + "-" + l.segment()).toList());
        assertEquals(3000, listed.get(3).startMs(), "the next scene starts where the cut ended the first");
        assertEquals(30, listed.get(2).frames());
    }

    @Test
    void theLastSegmentOfAVisitIsAsLongAsItsFrames() {
        Listing listing = new Listing(FORMAT);
        List<Listing.VisitMedia> timeline = List.of(visit(0, 1500, 45, 2), visit(1500, 2500, 30, 1));
        listing.advance(timeline, 1000);
        List<Listing.Listed> listed = listing.listed();
        assertEquals(15, listed.get(1).frames());
        assertEquals(0.5, listing.seconds(listed.get(1)), 1e-9);
        assertEquals(1500, listed.get(2).startMs());
        assertEquals(1, listing.targetSeconds());
    }

    @Test
    void aVisitWhoseKeyIsNotKnownHoldsTheListingBack() {
        Listing listing = new Listing(FORMAT);
        assertEquals(0, listing.advance(List.of(new Listing.VisitMedia(0, 2000, 60, 2, 0, false)), 0));
        assertTrue(listing.isEmpty());
        assertFalse(listing.listedAll(List.of(visit(0, 2000, 60, 0))));
    }
}
