import { Show } from 'solid-js';
import { useParams } from '@solidjs/router';
import { RoomLive } from './room-live';

/** The proctor's live room (actions enabled when assigned). */
export function ProctorRoomPage() {
  const params = useParams<{ sittingId: string; roomId: string }>();
  return (
    <Show when={`${params.sittingId}/${params.roomId}`} keyed>
      <RoomLive sittingId={Number(params.sittingId)} roomId={Number(params.roomId)} />
    </Show>
  );
}
