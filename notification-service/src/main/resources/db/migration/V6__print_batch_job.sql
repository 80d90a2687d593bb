-- A print batch is made by a commons job (kind print-batch) that collects the letters and renders the PDF
-- once; letters.pdf then serves the stored PDF at once (at most 5,000 pages). A batch made before this
-- migration, or whose PDF was dropped because a tenant in it was erased, has no PDF: asking for it starts a
-- print-batch-pdf job that renders and stores it.
ALTER TABLE print_batch ADD COLUMN job_id UUID;
ALTER TABLE print_batch ADD COLUMN pdf BYTEA;
CREATE UNIQUE INDEX print_batch_job ON print_batch (job_id);
