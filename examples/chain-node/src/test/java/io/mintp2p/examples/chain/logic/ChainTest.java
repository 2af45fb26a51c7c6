package io.mintp2p.examples.chain.logic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainTest {
    private static byte[] payload(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} blocks on {@code parent}, each with {@code work}. */
    private static List<Block> branch(Miner miner, Header parent, int n, int work) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Block b = miner.mineOn(parent, work, payload("b" + i));
            out.add(b);
            parent = b.header();
        }
        return out;
    }

    @Test
    void blocksOnTheTipExtendIt() {
        Chain chain = new Chain();
        List<Block> blocks = branch(new Miner(1), Chain.GENESIS.header(), 5, 8);
        Outcome o = chain.add(blocks);
        assertThat(o.added()).isEqualTo(5);
        assertThat(o.newTip()).contains(blocks.get(4));
        assertThat(chain.tipWork()).isEqualTo(5 * 256L);
        assertThat(chain.reorgs()).isZero();
        assertThat(chain.add(blocks)).isEqualTo(new Outcome(0, Optional.empty(), false, Optional.empty()));
    }

    @Test
    void theHeaviestBranchWinsNotTheLongestAndSwitchingIsAReorg() {
        Chain chain = new Chain();
        Miner miner = new Miner(2);
        List<Block> longLight = branch(miner, Chain.GENESIS.header(), 4, 8); // 4 x 256
        List<Block> shortHeavy = branch(miner, Chain.GENESIS.header(), 2, 10); // 2 x 1024
        chain.add(longLight);
        Outcome o = chain.add(shortHeavy);
        assertThat(o.newTip()).contains(shortHeavy.get(1));
        assertThat(chain.reorgs()).isEqualTo(1);
        assertThat(chain.tip().header().height()).isEqualTo(2);
        // The best chain was rewritten: the locator names the heavy branch.
        assertThat(chain.locator()).containsExactly(shortHeavy.get(1).hash(), shortHeavy.get(0).hash(),
                Chain.GENESIS.hash());
    }

    @Test
    void equalWorkIsBrokenByTheLowerHashWhicheverCameFirst() {
        Miner miner = new Miner(3);
        Block a = miner.mineOn(Chain.GENESIS.header(), 8, payload("a"));
        Block b = miner.mineOn(Chain.GENESIS.header(), 8, payload("b"));
        Block lower = a.hash().compareTo(b.hash()) < 0 ? a : b;
        Chain one = new Chain();
        one.add(List.of(a, b));
        Chain two = new Chain();
        two.add(List.of(b, a));
        assertThat(one.tip()).isEqualTo(lower);
        assertThat(two.tip()).isEqualTo(lower);
    }

    @Test
    void invalidBlocksAreRefusedWithTheirReason() {
        Chain chain = new Chain();
        Header g = Chain.GENESIS.header();
        Block good = new Miner(4).mineOn(g, 8, payload("x"));
        Header h = good.header();
        Block badHeight = new Block(new Header(h.parent(), 5, h.work(), h.nonce(), h.payloadHash()), payload("x"));
        Block tooLittle = new Miner(4).mineOn(g, 7, payload("x"));
        Block noWork = noWork(g);
        Block otherPayload = new Block(h, payload("y"));
        assertThat(chain.add(badHeight).invalid()).contains(Invalid.BAD_HEIGHT);
        assertThat(chain.add(tooLittle).invalid()).contains(Invalid.WORK_OUT_OF_RANGE);
        assertThat(chain.add(noWork).invalid()).contains(Invalid.BAD_WORK);
        assertThat(chain.add(otherPayload).invalid()).contains(Invalid.BAD_PAYLOAD);
        assertThat(chain.size()).isEqualTo(1);
        // A batch stops at its first invalid block, keeping those before it.
        Block next = new Miner(5).mineOn(h, 8, payload("z"));
        Outcome o = chain.add(List.of(good, noWork, next));
        assertThat(o.added()).isEqualTo(1);
        assertThat(o.invalid()).contains(Invalid.BAD_WORK);
        assertThat(chain.contains(next.hash())).isFalse();
    }

    /** A header claiming 20 bits its hash does not show. */
    static Block noWork(Header parent) {
        Hash payloadHash = Hash.sha256(payload("x"));
        for (long nonce = 0; ; nonce++) {
            Header h = new Header(parent.hash(), parent.height() + 1, 20, nonce, payloadHash);
            if (!h.provesWork()) {
                return new Block(h, payload("x"));
            }
        }
    }

    @Test
    void aBlockWithAnUnknownParentIsAnOrphanAndIsNotKept() {
        Chain chain = new Chain();
        List<Block> blocks = branch(new Miner(6), Chain.GENESIS.header(), 3, 8);
        Outcome o = chain.add(blocks.get(2));
        assertThat(o.orphan()).isTrue();
        assertThat(o.invalid()).isEmpty();
        assertThat(chain.size()).isEqualTo(1);
    }

    @Test
    void headersAfterALocatorStartAtTheForkPointAndAreBounded() {
        Miner miner = new Miner(7);
        Chain ours = new Chain();
        List<Block> common = branch(miner, Chain.GENESIS.header(), 20, 8);
        ours.add(common);
        Chain theirs = new Chain();
        theirs.add(common);
        List<Block> theirFork = branch(miner, common.get(14).header(), 300, 8);
        theirs.add(theirFork);
        ours.add(branch(miner, common.get(19).header(), 2, 8));

        List<Header> headers = theirs.headersAfter(ours.locator(), 10_000);
        assertThat(headers).hasSize(Chain.MAX_HEADERS);
        assertThat(headers.get(0).parent()).isEqualTo(common.get(14).hash());
        HeaderCheck check = ours.check(headers);
        assertThat(check.invalid()).isEmpty();
        assertThat(check.missing()).hasSize(Chain.MAX_BLOCKS).first().isEqualTo(theirFork.get(0).hash());
        assertThat(theirs.blocks(check.missing())).hasSize(Chain.MAX_BLOCKS).first().isEqualTo(theirFork.get(0));
        // A locator of nothing we know starts after genesis; a huge or negative max is clamped.
        assertThat(theirs.headersAfter(List.of(Hash.ZERO), 3)).extracting(Header::height).containsExactly(1L, 2L, 3L);
        assertThat(theirs.headersAfter(List.of(), -1)).isEmpty();
    }

    @Test
    void aLocatorNamingAHigherSideBlockOfOursStartsAtTheCommonBlock() {
        Miner miner = new Miner(14);
        Chain chain = new Chain();
        List<Block> common = branch(miner, Chain.GENESIS.header(), 3, 8);
        chain.add(common);
        List<Block> heavy = branch(miner, common.get(2).header(), 1, 12);
        List<Block> longLight = branch(miner, common.get(2).header(), 5, 8);
        chain.add(heavy);
        chain.add(longLight); // kept as a side branch, higher than the best chain
        Chain peer = new Chain();
        peer.add(common);
        peer.add(longLight);
        assertThat(chain.headersAfter(peer.locator(), 10)).containsExactly(heavy.get(0).header());
    }

    @Test
    void aLocatorIsShortForALongChain() {
        Chain chain = new Chain();
        chain.add(branch(new Miner(8), Chain.GENESIS.header(), 1000, 8));
        List<Hash> locator = chain.locator();
        assertThat(locator).hasSizeLessThan(20).first().isEqualTo(chain.tip().hash());
        assertThat(locator).last().isEqualTo(Chain.GENESIS.hash());
    }

    @Test
    void headerListsThatDoNotLinkOrDoNotProveWorkAreInvalid() {
        Chain chain = new Chain();
        List<Block> blocks = branch(new Miner(9), Chain.GENESIS.header(), 3, 8);
        List<Header> headers = blocks.stream().map(Block::header).toList();
        assertThat(chain.check(headers.subList(1, 3)).invalid()).contains(Invalid.BAD_PARENT);
        assertThat(chain.check(List.of(headers.get(0), headers.get(2))).invalid()).contains(Invalid.BAD_PARENT);
        assertThat(chain.check(List.of(headers.get(0), noWork(headers.get(0)).header())).invalid())
                .contains(Invalid.BAD_WORK);
        assertThat(chain.check(headers).missing()).hasSize(3);
        chain.add(blocks.get(0));
        assertThat(chain.check(headers).missing()).containsExactly(blocks.get(1).hash(), blocks.get(2).hash());
    }

    @Test
    void aFullStoreKeepsOnlyBlocksThatMoveTheTip() {
        Chain chain = new Chain(4);
        Miner miner = new Miner(10);
        chain.add(branch(miner, Chain.GENESIS.header(), 3, 8)); // full: genesis + 3
        // A peer tries to grow the store with a cheap side branch: nothing is kept.
        Outcome side = chain.add(branch(miner, Chain.GENESIS.header(), 2, 8));
        assertThat(side.added()).isZero();
        assertThat(chain.size()).isEqualTo(4);
        // A block that moves the tip is still taken.
        Outcome next = chain.add(miner.mine(chain, 8, payload("tip")));
        assertThat(next.newTip()).isPresent();
    }

    @Test
    void tipListenersHearEachNewTipInOrder() {
        Chain chain = new Chain();
        List<Long> heard = new ArrayList<>();
        chain.onNewTip(b -> heard.add(b.header().height()));
        chain.add(branch(new Miner(11), Chain.GENESIS.header(), 3, 8));
        chain.add(new Miner(12).mine(chain, 8, payload("4")));
        assertThat(heard).containsExactly(3L, 4L);
    }

    @Test
    void theSameSeedMinesTheSameBlocks() {
        assertThat(new Miner(13).mineOn(Chain.GENESIS.header(), 10, payload("p")).hash())
                .isEqualTo(new Miner(13).mineOn(Chain.GENESIS.header(), 10, payload("p")).hash());
    }
}
