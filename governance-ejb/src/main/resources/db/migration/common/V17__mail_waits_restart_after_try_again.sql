-- After an administrator's try again the waits start again from the shortest: the tries made before
-- it are kept here, so they no longer lengthen the waits that follow.

alter table mail_waiting add column tries_before_tried_again integer default 0 not null;
