import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '@/services/api';
import './index.scss';

interface LoadStateProps {
  loading: boolean;
  error: ApiError | undefined;
  onRetry: () => void;
}

/** Loading and failure, said plainly, with a way to try again. Renders nothing once loaded. */
export function LoadState({ loading, error, onRetry }: LoadStateProps) {
  if (error)
    return (
      <View className="load-state">
        <Text className="load-state__text">{error.message}</Text>
        <Button type="primary" fill="outline" onClick={onRetry}>
          重新加载
        </Button>
      </View>
    );
  if (loading)
    return (
      <View className="load-state">
        <Text className="load-state__text">正在加载…</Text>
      </View>
    );
  return null;
}
