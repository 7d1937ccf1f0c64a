-- A page's (and a recolor's) layered Photoshop file, written when the chapter's outputs ask for PSD.
ALTER TABLE pages ADD COLUMN psd_key TEXT;
ALTER TABLE page_revisions ADD COLUMN psd_key TEXT;
