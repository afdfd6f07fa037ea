/**
 * Judging topics: coherence (NPMI, UMass) and diversity of top terms, agreement of topic
 * assignments with document labels (NMI, ARI, purity), stability of topics across subsample
 * fits (Greene, O'Callaghan &amp; Cunningham 2014, with Hungarian matching), and a documented rule
 * to recommend the number of topics k.
 *
 * <p>Everything here is a pure computation over arrays, lists and {@link
 * io.topicnmf.matrix.CsrMatrix}: nothing reads files, prints or starts threads. The document-term
 * matrix is never densified; coherence builds only a binary structure restricted to the top terms.
 */
package io.topicnmf.eval;
