/**
 * {@code sluice viz}: a web page of a project's pipelines drawn from their documents
 * ({@link io.sluice.pipeline.doc.PipelineDocument}), with groupings and run journals, served on the
 * loopback address ({@link io.sluice.viz.VizServer}) or written as a static site
 * ({@link io.sluice.viz.StaticSite}). The page is plain JavaScript and SVG with dagre for the
 * layered layout, shipped as resources: nothing is fetched at run time.
 */
package io.sluice.viz;
