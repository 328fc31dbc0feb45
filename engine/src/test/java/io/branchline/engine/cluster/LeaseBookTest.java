package io.branchline.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.cluster.LeaseBook.Completion;
import io.branchline.engine.cluster.LeaseBook.Lease;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseBookTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LeaseBook<String> book = new LeaseBook<>(now::get, 5_000);

    @Test
    void leasesOldestFirstAndNoMoreThanAsked() {
        book.offer("a", "job a");
        book.offer("b", "job b");
        book.offer("c", "job c");
        List<Lease<String>> got = book.lease("n1", 2);
        assertEquals(List.of("a", "b"), got.stream().map(Lease::id).toList());
        assertEquals(6_000, got.get(0).until());
        assertEquals(1, got.get(0).attempt());
        assertEquals(1, book.queued());
        assertEquals(2, book.leased());
        assertEquals(List.of("c"), book.lease("n2", 5).stream().map(Lease::id).toList());
        assertTrue(book.lease("n3", 5).isEmpty());
    }

    @Test
    void aJobOfferedTwiceIsHeldOnce() {
        assertTrue(book.offer("a", "job a"));
        assertFalse(book.offer("a", "job a"));
        book.lease("n1", 1);
        assertFalse(book.offer("a", "job a"), "a leased job is held too");
        assertEquals(0, book.queued());
    }

    @Test
    void renewedLeasesOutliveTheirFirstTerm() {
        book.offer("a", "job a");
        book.lease("n1", 1);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(1_500);
            assertTrue(book.renew("n1", "a"));
            assertTrue(book.expire().isEmpty());
        }
        assertEquals(1, book.leased());
        assertFalse(book.renew("n2", "a"), "only its holder renews a lease");
    }

    @Test
    void anUnrenewedLeaseExpiresAndItsJobGoesBackToTheHeadOfTheQueue() {
        book.offer("a", "job a");
        book.offer("b", "job b");
        book.lease("n1", 1); // a
        now.addAndGet(5_000);
        assertTrue(book.expire().isEmpty(), "a lease lasts its whole term");
        now.addAndGet(1);
        assertEquals(List.of("a"), book.expire().stream().map(Lease::id).toList());
        assertFalse(book.renew("n1", "a"), "an expired lease cannot be renewed");
        Lease<String> again = book.lease("n2", 1).get(0);
        assertEquals("a", again.id(), "the requeued job goes first");
        assertEquals(2, again.attempt());
        assertEquals("b", book.lease("n2", 1).get(0).id());
    }

    @Test
    void aLeaseRenewedTooLateIsLostEvenBeforeExpiryRuns() {
        book.offer("a", "job a");
        book.lease("n1", 1);
        now.addAndGet(6_000);
        assertFalse(book.renew("n1", "a"));
    }

    @Test
    void aNodeThatLeavesReturnsItsJobsAtOnceInOrder() {
        book.offer("a", "job a");
        book.offer("b", "job b");
        book.offer("c", "job c");
        book.lease("n1", 2); // a, b
        book.lease("n2", 1); // c
        assertEquals(List.of("a", "b"), book.release("n1").stream().map(Lease::id).toList());
        assertEquals(List.of("a", "b"), book.lease("n2", 5).stream().map(Lease::id).toList());
        assertEquals(java.util.Map.of("n2", 3), book.leasesByNode());
    }

    @Test
    void theFirstCompletionCountsAndALaterOneIsHarmless() {
        book.offer("a", "job a");
        book.lease("n1", 1);
        now.addAndGet(6_000);
        book.expire();
        book.lease("n2", 1); // the job went to n2 while n1 was only slow
        assertEquals(Completion.FIRST, book.complete("n1", "a"), "the slow node's render is the same bytes: it counts");
        assertEquals(Completion.DUPLICATE, book.complete("n2", "a"));
        assertEquals(Completion.DUPLICATE, book.complete("n1", "a"));
        assertFalse(book.renew("n2", "a"), "the other node learns at its next renewal to stop");
        assertEquals(0, book.queued());
        assertEquals(0, book.leased());
        assertTrue(book.offer("a", "job a"), "a done job may be asked for again (its store copy was evicted)");
    }

    @Test
    void aCompletionOfAQueuedJobTakesItOut() {
        book.offer("a", "job a");
        book.lease("n1", 1);
        book.release("n1");
        assertEquals(Completion.FIRST, book.complete("n1", "a"));
        assertTrue(book.lease("n2", 1).isEmpty());
    }

    @Test
    void aGivenBackJobIsLeasedAgainAndWithdrawnJobsLeave() {
        book.offer("a", "job a");
        book.offer("b", "job b");
        book.lease("n1", 1);
        assertFalse(book.giveBack("n2", "a"), "only its holder gives a job back");
        assertTrue(book.giveBack("n1", "a"));
        assertEquals(2, book.queued());
        assertTrue(book.withdraw("b"));
        assertFalse(book.withdraw("b"));
        assertEquals(List.of("a"), book.lease("n1", 5).stream().map(Lease::id).toList());
        assertTrue(book.withdraw("a"));
        assertEquals(0, book.leased());
    }
}
