import { Show } from 'solid-js';
import { useParams } from '@solidjs/router';
import { RoomLive } from '../proctor/room-live';
import { RoomList } from '../proctor/room-list-page';

/** 考场巡查: every room of the organization, read-only (the server refuses actions from this role anyway). */
export function SupervisorRoomListPage() {
  return <RoomList base="/supervisor/rooms" title="考场巡查（只读）" />;
}

/** One room live, read-only. */
export function SupervisorRoomPage() {
  const params = useParams<{ sittingId: string; roomId: string }>();
  return (
    <Show when={`${params.sittingId}/${params.roomId}`} keyed>
      <RoomLive sittingId={Number(params.sittingId)} roomId={Number(params.roomId)} readOnly />
    </Show>
  );
}
