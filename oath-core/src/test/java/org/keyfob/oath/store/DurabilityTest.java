package org.keyfob.oath.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class DurabilityTest {

    @Test
    void outsideCollectAStoreIsToldToWaitItself() {
        assertThat(Durability.defer(new CompletableFuture<>())).isFalse();
    }

    @Test
    void workThatWritesNothingIsDurableAtOnce() {
        Durability.Deferred<String> d = Durability.collect(() -> "reject");

        assertThat(d.value()).isEqualTo("reject");
        assertThat(d.durable()).isCompleted();
    }

    @Test
    void theWorkIsDurableOnceEveryWriteItHandedOverIs() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();

        Durability.Deferred<Boolean> d = Durability.collect(() -> Durability.defer(first) && Durability.defer(second));

        assertThat(d.value()).describedAs("defer inside collect").isTrue();
        second.complete(null);
        assertThat(d.durable()).describedAs("with the first write still waiting").isNotDone();
        first.complete(null);
        assertThat(d.durable()).isCompleted();
    }

    @Test
    void aFailedWriteFailsTheWorkEvenIfAnotherSucceeds() {
        CompletableFuture<Void> failed = new CompletableFuture<>();
        failed.completeExceptionally(new StoreException("disk gone"));

        Durability.Deferred<Boolean> d = Durability.collect(() -> Durability.defer(failed)
                && Durability.defer(CompletableFuture.completedFuture(null)));

        assertThatThrownBy(() -> d.durable().get()).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(StoreException.class).hasRootCauseMessage("disk gone");
    }

    @Test
    void nestedCollectsKeepTheirOwnWritesAndTheOuterOneResumes() {
        CompletableFuture<Void> inner = new CompletableFuture<>();
        CompletableFuture<Void> outer = new CompletableFuture<>();
        Durability.Deferred<?>[] nested = new Durability.Deferred<?>[1];

        Durability.Deferred<Boolean> d = Durability.collect(() -> {
            nested[0] = Durability.collect(() -> Durability.defer(inner));
            return Durability.defer(outer);
        });

        assertThat(Durability.defer(new CompletableFuture<>())).describedAs("after the outer collect").isFalse();
        outer.complete(null);
        assertThat(d.durable()).describedAs("the outer work, its inner write still waiting").isCompleted();
        assertThat(nested[0].durable()).isNotDone();
        inner.complete(null);
        assertThat(nested[0].durable()).isCompleted();
    }

    @Test
    void workThatThrowsLeavesTheThreadNotCollecting() {
        assertThatThrownBy(() -> Durability.collect(() -> {
            throw new StoreException("refused");
        })).hasMessage("refused");

        assertThat(Durability.defer(new CompletableFuture<>())).isFalse();
    }

    @Test
    void whatWaitsForDurabilityRunsOnceTheWritesAreOnTheDiskAndBeforeTheWorkIsDurable() {
        CompletableFuture<Void> write = new CompletableFuture<>();
        List<String> ran = new ArrayList<>();

        Durability.Deferred<Boolean> d = Durability.collect(() -> {
            boolean deferred = Durability.defer(write);
            Durability.whenDurable(() -> ran.add("logged"));
            return deferred;
        });
        d.durable().thenRun(() -> ran.add("answered"));

        assertThat(ran).describedAs("before the write is on the disk").isEmpty();
        write.complete(null);
        assertThat(ran).containsExactly("logged", "answered");
    }

    @Test
    void whatWaitsForDurabilityNeverRunsIfAWriteFails() {
        CompletableFuture<Void> write = new CompletableFuture<>();
        List<String> ran = new ArrayList<>();

        Durability.Deferred<Boolean> d = Durability.collect(() -> {
            Durability.whenDurable(() -> ran.add("logged"));
            return Durability.defer(write);
        });
        write.completeExceptionally(new StoreException("disk gone"));

        assertThat(d.durable()).isCompletedExceptionally();
        assertThat(ran).isEmpty();
    }

    @Test
    void whatWaitsForDurabilityRunsAtOnceWhenNothingCollects() {
        List<String> ran = new ArrayList<>();

        Durability.whenDurable(() -> ran.add("logged"));

        assertThat(ran).containsExactly("logged");
    }
}
