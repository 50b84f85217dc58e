package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;

/**
 * What translation reads of a guest's mappings: the size of the page mapping an address, and how many
 * placements the guest allocator model has made (each a page-table write, trapped under shadow paging).
 * The replay loop's {@link GuestPageTables} answer as they are; on translation's own thread, the answers
 * recorded for each access by the loop's thread ({@link TranslationLog}).
 */
interface GuestMappings {

  PageSize pageSize(int asid, long gva);

  long placements();
}
